import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  API_TIMEOUT_MS,
  GitHubApiError,
  MAX_PAGES,
  RETRY_BASE_MS,
  RequestTimeoutError,
  apiCall,
  apiError,
  apiTimeoutFromEnv,
  createGitHubClient,
  errorDetail,
  formatDuration,
  httpStatus,
  listAll,
  retryBaseFromEnv,
  timeoutOf
} from "./chunk-5HW5GWWQ.js";
import "./chunk-4243Q66V.js";
import "./chunk-AGAXQL6F.js";
export {
  API_TIMEOUT_MS,
  GitHubApiError,
  MAX_PAGES,
  RETRY_BASE_MS,
  RequestTimeoutError,
  apiCall,
  apiError,
  apiTimeoutFromEnv,
  createGitHubClient,
  errorDetail,
  formatDuration,
  httpStatus,
  listAll,
  retryBaseFromEnv,
  timeoutOf
};
