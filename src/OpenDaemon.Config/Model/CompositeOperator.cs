namespace OpenDaemon.Config.Model;

/// <summary>How a composite health check combines its checks.</summary>
public enum CompositeOperator
{
    /// <summary>Healthy when every check is.</summary>
    And,

    /// <summary>Healthy when any check is.</summary>
    Or,
}
