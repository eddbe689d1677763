// @jingmai/oss-shim: an S3-compatible object storage server for local development (stands in for JD
// Cloud OSS), driven by @aws-sdk/client-s3 like the real thing.
export type { Credentials } from './auth/authenticate.js';
export type { CorsOptions } from './http/cors.js';
export {
  DEFAULT_CREDENTIALS,
  DEFAULT_REGION,
  MAX_OBJECT_SIZE,
  type OssServer,
  type OssServerOptions,
  startOssServer,
} from './server/start.js';
export type { QuotaRule } from './storage/quotas.js';
