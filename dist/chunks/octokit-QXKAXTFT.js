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
} from "./chunk-45INXA4H.js";
import "./chunk-L6ENWCP3.js";
import "./chunk-4243Q66V.js";
import "./chunk-XA3YYY7N.js";
import "./chunk-LIVUQ6E7.js";
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
