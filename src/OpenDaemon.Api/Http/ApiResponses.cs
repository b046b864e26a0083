using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Api.Http;

/// <summary>Writes JSON answers and errors (spec §10.2: <c>{"code", "message", "hint"}</c>) with the status that fits.</summary>
internal static class ApiResponses
{
    public static async Task JsonAsync(HttpContext context, int status, JsonElement body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await using (var writer = new Utf8JsonWriter(context.Response.BodyWriter))
        {
            body.WriteTo(writer);
        }

        await context.Response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    public static Task ErrorAsync(HttpContext context, ErrorInfo error, TimeSpan? retryAfter = null)
    {
        if (retryAfter is { } wait)
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        if (error.Code == ErrorCode.Unauthorized)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
        }

        return JsonAsync(context, HttpStatusOf.Error(error.Code), JsonSerializer.SerializeToElement(error, ContractsJsonContext.Default.ErrorInfo));
    }

    public static Task ErrorAsync(HttpContext context, ErrorCode code, string message, string? hint = null, TimeSpan? retryAfter = null) =>
        ErrorAsync(context, new ErrorInfo(code, message, hint), retryAfter);

    public static async Task TextAsync(HttpContext context, string contentType, string text)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = contentType;
        await context.Response.WriteAsync(text, context.RequestAborted).ConfigureAwait(false);
    }
}
