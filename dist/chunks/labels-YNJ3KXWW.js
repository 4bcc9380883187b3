import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  listAll
} from "./chunk-45INXA4H.js";
import "./chunk-L6ENWCP3.js";
import "./chunk-4243Q66V.js";
import "./chunk-XA3YYY7N.js";
import "./chunk-LIVUQ6E7.js";

// src/publish/labels.ts
async function pullRequestLabels(client, target, pullRequest) {
  const labels = await listAll(
    `GET /repos/${target.owner}/${target.repo}/issues/${pullRequest}/labels`,
    () => client.paginate.iterator(client.rest.issues.listLabelsOnIssue, {
      owner: target.owner,
      repo: target.repo,
      issue_number: pullRequest,
      per_page: 100
    })
  );
  return labels.map((label) => label.name);
}
export {
  pullRequestLabels
};
