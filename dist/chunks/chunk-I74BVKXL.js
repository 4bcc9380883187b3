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
var STEPS = {
  binary: { base: 1024, names: ["B", "KiB", "MiB", "GiB", "TiB"] },
  decimal: { base: 1e3, names: ["B", "KB", "MB", "GB", "TB"] }
};
function formatBytes(bytes, units = "binary") {
  const { base, names } = STEPS[units];
  const sign = bytes < 0 ? "-" : "";
  let value = Math.abs(bytes);
  let step = 0;
  while (value >= base && step < names.length - 1) {
    value /= base;
    step += 1;
  }
  if (step === 0) return `${sign}${groupDigits(value)} B`;
  let text = threeFigures(value);
  if (Number(text) >= base && step < names.length - 1) {
    value /= base;
    step += 1;
    text = threeFigures(value);
  }
  return `${sign}${text.includes(".") ? text : groupDigits(Number(text))} ${names[step]}`;
}
function threeFigures(value) {
  const digitsFor = (n) => n >= 100 ? 0 : n >= 10 ? 1 : 2;
  const digits = digitsFor(value);
  const text = value.toFixed(digits);
  const rounded = digitsFor(Number(text));
  return rounded === digits ? text : value.toFixed(rounded);
}
function formatBytesDelta(bytes, units = "binary") {
  return bytes > 0 ? `+${formatBytes(bytes, units)}` : formatBytes(bytes, units);
}
function formatCountDelta(count) {
  const text = groupDigits(count);
  return count > 0 ? `+${text}` : text;
}
function formatAmount(value, unit, units) {
  return unit === "count" ? groupDigits(value) : formatBytes(value, units);
}
function formatChange(value, unit, units) {
  return unit === "count" ? formatCountDelta(value) : formatBytesDelta(value, units);
}
function percentChange(base, head) {
  if (base === 0) return head === 0 ? 0 : void 0;
  return (head - base) / Math.abs(base) * 100;
}
var FACTOR_FROM_PERCENT = 1e3;
function formatPercent(percent, factor = true) {
  if (percent === void 0) return "new";
  if (factor && percent >= FACTOR_FROM_PERCENT) {
    const times = 1 + percent / 100;
    return `\xD7${times >= 100 ? groupDigits(Math.round(times)) : times.toPrecision(3)}`;
  }
  const rounded = Math.abs(percent) >= 10 ? percent.toFixed(1) : percent.toFixed(2);
  if (Number(rounded) === 0) return "0 %";
  const [whole, fraction] = rounded.replace("-", "").split(".");
  return `${percent > 0 ? "+" : "-"}${groupDigits(Number(whole))}.${fraction} %`;
}

export {
  groupDigits,
  formatBytes,
  formatBytesDelta,
  formatCountDelta,
  formatAmount,
  formatChange,
  percentChange,
  FACTOR_FROM_PERCENT,
  formatPercent
};
