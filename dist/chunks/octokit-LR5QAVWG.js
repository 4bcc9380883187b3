import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  GitHubApiError,
  RETRY_BASE_MS,
  apiCall,
  createGitHubClient,
  errorDetail,
  httpStatus,
  retryBaseFromEnv
} from "./chunk-4ELTTQYH.js";
import "./chunk-4243Q66V.js";
import "./chunk-LIVUQ6E7.js";
export {
  GitHubApiError,
  RETRY_BASE_MS,
  apiCall,
  createGitHubClient,
  errorDetail,
  httpStatus,
  retryBaseFromEnv
};
