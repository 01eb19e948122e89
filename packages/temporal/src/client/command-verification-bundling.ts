/** The name under which the workflow bundle carries the command verification keys (see command-signature.ts). */
export const COMMAND_VERIFICATION_KEYS_CONSTANT = '__COMPLAINTS_COMMAND_VERIFICATION_KEYS__';

interface DefinePluginCompiler {
  webpack: { DefinePlugin: new (definitions: Record<string, string>) => { apply(compiler: unknown): void } };
}

/**
 * A `webpackConfigHook` that compiles the workers' public keys (COMMAND_VERIFICATION_KEYS) into the workflow
 * bundle: the workflow knows them as code, the same on every replay, and needs no input, memo or activity.
 */
export function withCommandVerificationKeys(keys: string) {
  return <C extends { plugins?: unknown[] }>(config: C): C => ({
    ...config,
    plugins: [
      ...(config.plugins ?? []),
      {
        apply(compiler: DefinePluginCompiler) {
          new compiler.webpack.DefinePlugin({
            [COMMAND_VERIFICATION_KEYS_CONSTANT]: JSON.stringify(keys),
          }).apply(compiler);
        },
      },
    ],
  });
}
