namespace OpenDaemon.Config.Loading;

/// <summary>
/// The ES module node runs (<c>node --input-type=module -e</c>) to turn a JS/TS config into JSON.
/// It imports the file (ESM default export, or CJS module.exports, which import() exposes as
/// default), calls it when it is a function, awaits promises, and prints JSON on stdout. Console
/// output of the config is moved to stderr so it cannot corrupt the JSON. An <c>opendaemon</c>
/// package that is not installed resolves to a stub whose <c>defineConfig</c> returns its argument,
/// so the spec's <c>import { defineConfig } from 'opendaemon'</c> works without npm install.
/// RegExp values become <c>{ regex, flags }</c>.
/// </summary>
internal static class NodeEvaluatorScript
{
    public const string Source = """
        import { pathToFileURL } from 'node:url';
        import * as nodeModule from 'node:module';
        const args = process.argv.slice(1).filter((a) => a !== '--');
        const file = args[0];
        const envName = args[1] || undefined;
        const toStderr = (...parts) => process.stderr.write(parts.map(String).join(' ') + '\n');
        console.log = console.info = console.debug = console.warn = toStderr;
        const hooks = `export async function resolve(specifier, context, next) {
          if (specifier === 'opendaemon') {
            try { return await next(specifier, context); }
            catch { return { shortCircuit: true, url: 'data:text/javascript,export const defineConfig = (c) => c; export default { defineConfig };' }; }
          }
          return next(specifier, context);
        }`;
        try {
          if (typeof nodeModule.register === 'function') {
            nodeModule.register('data:text/javascript,' + encodeURIComponent(hooks));
          }
          const mod = await import(pathToFileURL(file).href);
          let config = mod.default !== undefined ? mod.default : mod;
          if (config && typeof config === 'object' && config.__esModule && config.default !== undefined) {
            config = config.default;
          }
          if (typeof config === 'function') {
            config = config({ env: envName });
          }
          config = await config;
          const json = JSON.stringify(config, (key, value) => {
            if (value instanceof RegExp) return { regex: value.source, flags: value.flags };
            if (typeof value === 'bigint') return Number(value);
            return value;
          });
          if (json === undefined) {
            throw new Error('the config file exports nothing; export default an object with "apps"');
          }
          process.stdout.write(json, () => process.exit(0));
        } catch (error) {
          process.stderr.write('\u0000OD_ERROR\u0000' + (error && error.stack ? String(error.stack) : String(error)));
          process.exit(1);
        }
        """;
}
