// Generator for postal-codes.csv in this folder (see SOURCES.md).
//
// It expects the npm package to be installed in a temporary folder,
// NOT in this repository:
//
//   mkdir -p /tmp/cp && cd /tmp/cp && npm init -y && npm install codes-postaux@4.1.2
//   cd /tmp/cp && node /path/to/migration/data/generate-postal-codes.mjs
//
// Packages are resolved from the current working directory (or from
// $REFDATA_DIR if set). Output goes to the folder holding this script, unless
// a directory is given as first argument.
//
// Writes: postal-codes.csv
// (it keeps only communes listed in communes.csv, which generate-accounts.mjs
// writes; run that one first if the list changes).

import { createRequire } from "node:module";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const pkgDir = process.env.REFDATA_DIR || process.cwd();
const require = createRequire(join(pkgDir, "noop.js"));
const here = dirname(fileURLToPath(import.meta.url));
const outDir = process.argv[2] || here;

// One entry per (codePostal, codeCommune): {codePostal, codeCommune, nomCommune,
// libelleAcheminement}. The "-full" file (per street) is not needed.
const entries = require("codes-postaux/codes-postaux.json");
const cpPkg = require("codes-postaux/package.json");
if (cpPkg.version !== "4.1.2") throw new Error(`expected codes-postaux 4.1.2, got ${cpPkg.version}`);

/** Quote a field only when needed (separator, quote or newline inside). */
function field(v) {
  return /[;"\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function writeCsv(name, header, rows) {
  const text = [header, ...rows].map((r) => r.map(field).join(";")).join("\n") + "\n";
  writeFileSync(join(outDir, name), text, "utf8");
  console.log(`${name}: ${rows.length} rows, ${Buffer.byteLength(text)} bytes`);
}

// Plain code-point order (every character here is ASCII).
const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

// ---- postal-codes.csv -------------------------------------------------------
// Commune codes as in communes.csv (current communes only, INSEE COG 2026).
const communeCodes = new Set(
  readFileSync(join(outDir, "communes.csv"), "utf8").trim().split("\n").slice(1).map((l) => l.split(";")[1]),
);
if (communeCodes.size < 34000) throw new Error(`communes.csv: only ${communeCodes.size} codes`);

// The package gives Paris, Lyon and Marseille by arrondissement municipal
// (75101-75120, 69381-69389, 13201-13216); communes.csv has them as single
// communes, so the arrondissement code is replaced by the commune's.
function parentCommune(code) {
  if (/^751(0[1-9]|1[0-9]|20)$/.test(code)) return "75056"; // Paris
  if (/^6938[1-9]$/.test(code)) return "69123"; // Lyon
  if (/^132(0[1-9]|1[0-6])$/.test(code)) return "13055"; // Marseille
  return code;
}

const keys = new Set();
const rows = [];
const dropped = [];
let mapped = 0;
for (const e of entries) {
  const cp = e.codePostal;
  if (!/^[0-9]{5}$/.test(cp)) throw new Error(`bad postal code ${JSON.stringify(cp)}`);
  if (!/^[0-9][0-9AB][0-9]{3}$/.test(e.codeCommune)) throw new Error(`bad commune code ${e.codeCommune}`);
  const code = parentCommune(e.codeCommune);
  if (code !== e.codeCommune) mapped += 1;
  // La Poste's routing name, upper case; ";" removed, spaces squeezed
  // (the source has "LA  ROCHE SUR GRANE").
  const localite = (e.libelleAcheminement || "").toUpperCase().replace(/;/g, "").replace(/\s+/g, " ").trim();
  if (!localite || /["\r\n]/.test(localite)) throw new Error(`bad localite for ${cp} ${code}: ${JSON.stringify(localite)}`);
  if (!communeCodes.has(code)) {
    dropped.push([cp, code, localite, e.nomCommune]);
    continue;
  }
  const key = `${cp};${code};${localite}`;
  if (keys.has(key)) continue;
  keys.add(key);
  rows.push([cp, code, localite]);
}
rows.sort((a, b) => cmp(a[0], b[0]) || cmp(a[2], b[2]) || cmp(a[1], b[1]));

for (const must of ["78270;78068;BLARU", "78000;78646;VERSAILLES", "75001;75056;PARIS"]) {
  if (!keys.has(must)) throw new Error(`expected row ${must} missing`);
}
writeCsv("postal-codes.csv", ["code_postal", "code_commune", "localite"], rows);
console.log(`  ${entries.length} package entries; ${mapped} arrondissement rows mapped to Paris/Lyon/Marseille`);
console.log(`  dropped ${dropped.length} entries whose commune is not in communes.csv ` +
  `(${new Set(dropped.map((d) => d[1])).size} codes, communes merged since the package's COG), e.g.:`);
for (const d of dropped.slice().sort((a, b) => cmp(a[1], b[1]) || cmp(a[0], b[0])).slice(0, 10)) {
  console.log(`    ${d.join(";")}`);
}
const withCp = new Set(rows.map((r) => r[1]));
const noCp = [...communeCodes].filter((c) => !withCp.has(c)).sort();
console.log(`  ${noCp.length} communes of communes.csv have no postal code ` +
  `(${noCp.filter((c) => c.startsWith("97") || c.startsWith("98")).length} of them overseas)`);

console.log(`source: ${cpPkg.name}@${cpPkg.version} (${cpPkg.license})`);
