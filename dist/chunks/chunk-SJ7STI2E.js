import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);

// src/format/sizes.ts
function groupDigits(value) {
  if (!Number.isSafeInteger(value)) return value.toLocaleString("en-US");
  const digits = String(Math.abs(value));
  let grouped = digits.slice(0, (digits.length - 1) % 3 + 1);
  for (let at = grouped.length; at < digits.length; at += 3) {
    grouped += `,${digits.slice(at, at + 3)}`;
  }
  return value < 0 ? `-${grouped}` : grouped;
}
var BINARY_STEPS = ["B", "KiB", "MiB", "GiB", "TiB"];
function formatBytes(bytes) {
  const sign = bytes < 0 ? "-" : "";
  let value = Math.abs(bytes);
  let step = 0;
  while (value >= 1024 && step < BINARY_STEPS.length - 1) {
    value /= 1024;
    step += 1;
  }
  if (step === 0) return `${sign}${value} B`;
  let text = threeFigures(value);
  if (Number(text) >= 1024 && step < BINARY_STEPS.length - 1) {
    value /= 1024;
    step += 1;
    text = threeFigures(value);
  }
  return `${sign}${text} ${BINARY_STEPS[step]}`;
}
function threeFigures(value) {
  const digitsFor = (n) => n >= 100 ? 0 : n >= 10 ? 1 : 2;
  const digits = digitsFor(value);
  const text = value.toFixed(digits);
  const rounded = digitsFor(Number(text));
  return rounded === digits ? text : value.toFixed(rounded);
}
function formatBytesDelta(bytes) {
  return bytes > 0 ? `+${formatBytes(bytes)}` : formatBytes(bytes);
}
function formatCountDelta(count) {
  const text = groupDigits(count);
  return count > 0 ? `+${text}` : text;
}
function formatAmount(value, unit) {
  return unit === "count" ? groupDigits(value) : formatBytes(value);
}
function formatChange(value, unit) {
  return unit === "count" ? formatCountDelta(value) : formatBytesDelta(value);
}
function percentChange(base, head) {
  if (base === 0) return head === 0 ? 0 : void 0;
  return (head - base) / Math.abs(base) * 100;
}
function formatPercent(percent) {
  if (percent === void 0) return "new";
  const rounded = Math.abs(percent) >= 10 ? percent.toFixed(1) : percent.toFixed(2);
  if (Number(rounded) === 0) return "0 %";
  return `${percent > 0 ? "+" : ""}${rounded} %`;
}

export {
  groupDigits,
  formatBytes,
  formatBytesDelta,
  formatCountDelta,
  formatAmount,
  formatChange,
  percentChange,
  formatPercent
};
