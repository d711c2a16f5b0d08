export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Where an AWS API (Lambda, KMS) is reached: AWS itself by default, or an emulator's endpoint. */
export interface AwsEndpoint {
  endpoint?: string;
  region?: string;
  /** Default: the AWS SDK's credential chain (environment, profile, instance role). */
  credentials?: AwsCredentials;
}

export type LambdaDefaults = AwsEndpoint;

export type KmsOptions = AwsEndpoint;

export interface ModuleFunctionConfig {
  /** `path/to/file.ts#exportName` (export default `handler`), relative to the config file's folder. */
  module: string;
  /** context.memoryLimitInMB, and the worker's heap limit (at least 256 MB). Default 128. */
  memorySize?: number;
  /** Added to the function's process.env. */
  environment?: Record<string, string>;
}

export interface UrlFunctionConfig {
  url: string;
  headers?: Record<string, string>;
}

export interface LambdaFunctionConfig {
  lambda: AwsEndpoint & { functionName?: string };
}

export type FunctionConfig = ModuleFunctionConfig | UrlFunctionConfig | LambdaFunctionConfig;

export type FunctionsConfig = Record<string, FunctionConfig>;
