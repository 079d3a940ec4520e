// Generator for communes.csv and common-passwords.txt in this folder (see SOURCES.md).
//
// It expects the three npm packages to be installed in a temporary folder,
// NOT in this repository:
//
//   mkdir -p /tmp/refdata2 && cd /tmp/refdata2 && npm init -y \
//     && npm install @etalab/decoupage-administratif@6.0.0 \
//          @zxcvbn-ts/language-common@4.1.3 @zxcvbn-ts/language-fr@4.1.2
//   cd /tmp/refdata2 && node /path/to/migration/data/generate-accounts.mjs
//
// Packages are resolved from the current working directory (or from
// $REFDATA_DIR if set). Output goes to the folder holding this script, unless
// a directory is given as first argument.
//
// Writes: communes.csv, common-passwords.txt
// (communes.csv keeps only the départements listed in departements.csv, which
// generate.mjs writes; run that one first if the list changes).

import { createRequire } from "node:module";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const pkgDir = process.env.REFDATA_DIR || process.cwd();
const require = createRequire(join(pkgDir, "noop.js"));
const here = dirname(fileURLToPath(import.meta.url));
const outDir = process.argv[2] || here;

// The package's index.js reads ./data relative to the working directory, so the
// JSON file is required directly.
const communes = require("@etalab/decoupage-administratif/data/communes.json");
const cogPkg = require("@etalab/decoupage-administratif/package.json");
const common = require("@zxcvbn-ts/language-common");
const commonPkg = require("@zxcvbn-ts/language-common/package.json");
const fr = require("@zxcvbn-ts/language-fr");
const frPkg = require("@zxcvbn-ts/language-fr/package.json");

/** Quote a field only when needed (separator, quote or newline inside). */
function field(v) {
  return /[;"\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function writeCsv(name, header, rows) {
  const text = [header, ...rows].map((r) => r.map(field).join(";")).join("\n") + "\n";
  writeFileSync(join(outDir, name), text, "utf8");
  console.log(`${name}: ${rows.length} rows, ${Buffer.byteLength(text)} bytes`);
}

// Plain code-point order (UTF-16 code units; every character here is in the BMP).
const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

// ---- communes.csv -----------------------------------------------------------
// Département codes as in departements.csv (3 characters: 001, 02A, 971 ...).
// Read from that file so both lists always agree.
const depText = readFileSync(join(here, "departements.csv"), "utf8");
const depCodes = new Set(depText.trim().split("\n").slice(1).map((l) => l.split(";")[0]));
if (depCodes.size !== 107) throw new Error(`departements.csv: expected 107 codes, got ${depCodes.size}`);

/** INSEE département code ("01", "2A", "971") to the CYCLADES form ("001", "02A", "971"). */
const cycladesDep = (d) => (d.length === 2 ? `0${d}` : d);

const skipped = new Map();
const communeRows = [];
const seenCodes = new Set();
for (const c of communes) {
  // Only current communes: arrondissements municipaux (Paris, Lyon, Marseille),
  // communes déléguées and communes associées are left out.
  if (c.type !== "commune-actuelle") continue;
  const dep = cycladesDep(c.departement);
  if (!depCodes.has(dep)) {
    skipped.set(dep, (skipped.get(dep) || 0) + 1);
    continue;
  }
  if (!/^[0-9][0-9AB][0-9]{3}$/.test(c.code)) throw new Error(`bad commune code ${c.code}`);
  if (!c.code.startsWith(c.departement)) throw new Error(`code ${c.code} not in département ${c.departement}`);
  if (seenCodes.has(c.code)) throw new Error(`duplicate commune code ${c.code}`);
  seenCodes.add(c.code);
  const label = c.nom;
  if (!label || label !== label.trim() || /\s\s|[\r\n]/.test(label) || label !== label.normalize("NFC")) {
    throw new Error(`unexpected label for ${c.code}: ${JSON.stringify(label)}`);
  }
  // Label kept as written by INSEE (accents, case, apostrophes, hyphens).
  communeRows.push([dep, c.code, label]);
}
communeRows.sort((a, b) => cmp(a[0], b[0]) || cmp(a[2], b[2]) || cmp(a[1], b[1]));
const missingDeps = [...depCodes].filter((d) => !communeRows.some((r) => r[0] === d));
if (missingDeps.length) throw new Error(`no commune for départements ${missingDeps.join(", ")}`);
writeCsv("communes.csv", ["departement", "code", "label"], communeRows);
for (const [dep, n] of [...skipped].sort()) {
  console.log(`  left out: ${n} commune(s) of ${dep} (not in departements.csv)`);
}

// ---- common-passwords.txt ---------------------------------------------------
// How many entries to read from the top of each ranked list (most frequent first).
const TOP_COMMON_PASSWORDS = 15000; // passwords-common, 49,233 entries
const TOP_FRENCH_WORDS = 5000; // commonWords-fr, 28,095 entries
const MAX_LINES = 20000;
const MAX_BYTES = 250000;

const PORTAL_WORDS = [
  "cyclades", "inscription", "candidat", "examen", "concours", "education",
  "academie", "motdepasse", "azerty", "soleil", "bonjour",
];

// The French accents the server removes before comparing
// (app/src/domain/text.rs, upper_unaccented), in lower case.
const FOLD = {
  à: "a", â: "a", ä: "a", é: "e", è: "e", ê: "e", ë: "e", î: "i", ï: "i",
  ô: "o", ö: "o", ù: "u", û: "u", ü: "u", ç: "c", ÿ: "y",
};
const len = (s) => [...s].length;

/**
 * The line stored for one source entry, or null if it is too short.
 * The server refuses a password whose lower-case form, or whose form with
 * accents removed and leading/trailing digits and symbols stripped, is listed.
 * So the stripped form is stored when it has 4 characters or more ("password1"
 * -> "password", "Éléphant" -> "elephant"): it also covers the entry with other
 * decorations. Otherwise the whole entry in lower case ("123456", "abc123").
 */
function entry(word) {
  const lower = word.toLowerCase();
  const core = [...lower].map((ch) => FOLD[ch] ?? ch).join("").replace(/^\P{L}+|\P{L}+$/gu, "");
  if (len(core) >= 4) return core;
  if (len(lower) >= 4) return lower;
  return null;
}

const lines = [];
const seen = new Set();
function addAll(name, words) {
  let added = 0;
  for (const w of words) {
    const e = entry(w);
    if (e === null || seen.has(e)) continue;
    seen.add(e);
    lines.push(e);
    added += 1;
  }
  console.log(`  ${name}: ${added} lines from ${words.length} entries`);
}

const frDict = fr.dictionary;
// language-fr 4.1.2 swaps the two names lists: "lastnames-fr" holds first names
// (adam, adrien, ... sophie) and "firstnames-fr" holds surnames (abadie, dubois ...).
const FR_FIRST_NAMES = "lastnames-fr";
const FR_LISTS = ["commonWords-fr", "firstnames-fr", "lastnames-fr", "wikipedia-fr"];
const frSequences = Object.keys(frDict).filter((k) => !FR_LISTS.includes(k)).sort();

console.log("common-passwords.txt:");
addAll("portal words", PORTAL_WORDS);
addAll("passwords-common (top)", common.dictionary["passwords-common"].slice(0, TOP_COMMON_PASSWORDS));
addAll("commonWords-fr (top)", frDict["commonWords-fr"].slice(0, TOP_FRENCH_WORDS));
addAll("first names (lastnames-fr)", frDict[FR_FIRST_NAMES]);
addAll(`word sequences (${frSequences.length} lists)`, frSequences.flatMap((k) => frDict[k]));

for (const w of PORTAL_WORDS) if (!seen.has(w)) throw new Error(`portal word ${w} missing`);
for (const l of lines) {
  if (l !== l.toLowerCase() || len(l) < 4 || /\s/.test(l)) throw new Error(`bad line ${JSON.stringify(l)}`);
}
const pwText = lines.join("\n") + "\n";
const pwBytes = Buffer.byteLength(pwText);
if (lines.length > MAX_LINES) throw new Error(`too many lines: ${lines.length}`);
if (pwBytes > MAX_BYTES) throw new Error(`too large: ${pwBytes} bytes`);
writeFileSync(join(outDir, "common-passwords.txt"), pwText, "utf8");
console.log(`common-passwords.txt: ${lines.length} lines, ${pwBytes} bytes`);

console.log(`sources: ${cogPkg.name}@${cogPkg.version} (${cogPkg.license}), ` +
  `${commonPkg.name}@${commonPkg.version} (${commonPkg.license}), ` +
  `${frPkg.name}@${frPkg.version} (${frPkg.license})`);
