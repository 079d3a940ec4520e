// Generator for the reference CSV files in this folder (see SOURCES.md).
//
// It expects the two npm packages to be installed in a temporary folder,
// NOT in this repository:
//
//   mkdir -p /tmp/refdata && cd /tmp/refdata && npm init -y \
//     && npm install i18n-iso-countries@7.14.0 i18n-nationality@1.4.0
//   cd /tmp/refdata && node /path/to/migration/data/generate.mjs
//
// Packages are resolved from the current working directory (or from
// $REFDATA_DIR if set). Output goes to the folder holding this script, unless
// a directory is given as first argument.
//
// Writes: countries.csv, nationalities.csv, departements.csv
// (departements.csv comes from the static table below, not from npm).

import { createRequire } from "node:module";
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const pkgDir = process.env.REFDATA_DIR || process.cwd();
const require = createRequire(join(pkgDir, "noop.js"));
const outDir = process.argv[2] || dirname(fileURLToPath(import.meta.url));

const countries = require("i18n-iso-countries");
const nationalities = require("i18n-nationality");
const countriesPkg = require("i18n-iso-countries/package.json");
const nationalityPkg = require("i18n-nationality/package.json");

// ISO codes of French overseas territories: folded into "FRANCE (DONT OUTRE-MER)".
const FRENCH_OVERSEAS = new Set([
  "GP", "MQ", "GF", "RE", "YT", "PM", "BL", "MF", "WF", "PF", "NC", "TF",
]);

// Label overrides applied after normalisation (INSEE-style wording).
const COUNTRY_OVERRIDES = {
  FR: "FRANCE (DONT OUTRE-MER)", // package: "France"
  US: "ETATS-UNIS",              // package: "États-Unis d'Amérique"
  CI: "COTE D'IVOIRE",           // package: "Côte-d'Ivoire"
};

/** Upper case, accents removed (NFD + drop combining marks). */
function normalise(s) {
  const out = s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[\u2019\u02BC]/g, "'")
    .toUpperCase()
    .replace(/\s+/g, " ")
    .trim();
  if (!/^[\x20-\x7E]+$/.test(out)) {
    throw new Error(`non-ASCII or empty label after normalisation: ${JSON.stringify(s)} -> ${JSON.stringify(out)}`);
  }
  return out;
}

/** Quote a field only when needed (separator, quote or newline inside). */
function field(v) {
  return /[;"\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function writeCsv(name, header, rows) {
  const seen = new Set();
  for (const r of rows) {
    if (seen.has(r[0])) throw new Error(`${name}: duplicate code ${r[0]}`);
    seen.add(r[0]);
    if (r.some((x) => !x)) throw new Error(`${name}: empty field in ${r}`);
  }
  const text = [header, ...rows].map((r) => r.map(field).join(";")).join("\n") + "\n";
  writeFileSync(join(outDir, name), text, "utf8");
  console.log(`${name}: ${rows.length} rows`);
}

// Plain code-point order (labels are ASCII after normalisation): deterministic.
const byLabel = (a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[0] < b[0] ? -1 : 1);

// ---- countries.csv ----------------------------------------------------------
const countryNames = countries.getNames("fr", { select: "official" });
const countryRows = Object.entries(countryNames)
  .filter(([code]) => !FRENCH_OVERSEAS.has(code))
  .map(([code, name]) => [code, COUNTRY_OVERRIDES[code] ?? normalise(name)])
  .sort(byLabel);
writeCsv("countries.csv", ["code", "label"], countryRows);

// ---- nationalities.csv ------------------------------------------------------
// i18n-nationality's French locale only has masculine singular adjectives
// (and, for some territories, a place name). They are kept as published.
const natNames = nationalities.getNames("fr");
const natRows = Object.entries(natNames)
  .filter(([code]) => !FRENCH_OVERSEAS.has(code))
  .map(([code, name]) => [code, normalise(Array.isArray(name) ? name[0] : name)])
  .sort(byLabel);
const frIdx = natRows.findIndex(([code]) => code === "FR");
natRows.unshift(...natRows.splice(frIdx, 1));
writeCsv("nationalities.csv", ["code", "label"], natRows);

const missing = Object.keys(countryNames).filter((c) => !FRENCH_OVERSEAS.has(c) && !(c in natNames));
if (missing.length) console.log(`no nationality in ${nationalityPkg.name} for: ${missing.join(", ")}`);

// ---- departements.csv -------------------------------------------------------
// INSEE Code officiel géographique, CYCLADES-style 3-character codes.
const DEPARTEMENTS = [
  ["001", "AIN"], ["002", "AISNE"], ["003", "ALLIER"],
  ["004", "ALPES DE HAUTE PROVENCE"], ["005", "HAUTES ALPES"], ["006", "ALPES MARITIMES"],
  ["007", "ARDECHE"], ["008", "ARDENNES"], ["009", "ARIEGE"], ["010", "AUBE"],
  ["011", "AUDE"], ["012", "AVEYRON"], ["013", "BOUCHES DU RHONE"], ["014", "CALVADOS"],
  ["015", "CANTAL"], ["016", "CHARENTE"], ["017", "CHARENTE MARITIME"], ["018", "CHER"],
  ["019", "CORREZE"], ["02A", "CORSE DU SUD"], ["02B", "HAUTE CORSE"],
  ["021", "COTE D'OR"], ["022", "COTES D'ARMOR"], ["023", "CREUSE"], ["024", "DORDOGNE"],
  ["025", "DOUBS"], ["026", "DROME"], ["027", "EURE"], ["028", "EURE ET LOIR"],
  ["029", "FINISTERE"], ["030", "GARD"], ["031", "HAUTE GARONNE"], ["032", "GERS"],
  ["033", "GIRONDE"], ["034", "HERAULT"], ["035", "ILLE ET VILAINE"], ["036", "INDRE"],
  ["037", "INDRE ET LOIRE"], ["038", "ISERE"], ["039", "JURA"], ["040", "LANDES"],
  ["041", "LOIR ET CHER"], ["042", "LOIRE"], ["043", "HAUTE LOIRE"],
  ["044", "LOIRE ATLANTIQUE"], ["045", "LOIRET"], ["046", "LOT"], ["047", "LOT ET GARONNE"],
  ["048", "LOZERE"], ["049", "MAINE ET LOIRE"], ["050", "MANCHE"], ["051", "MARNE"],
  ["052", "HAUTE MARNE"], ["053", "MAYENNE"], ["054", "MEURTHE ET MOSELLE"], ["055", "MEUSE"],
  ["056", "MORBIHAN"], ["057", "MOSELLE"], ["058", "NIEVRE"], ["059", "NORD"],
  ["060", "OISE"], ["061", "ORNE"], ["062", "PAS DE CALAIS"], ["063", "PUY DE DOME"],
  ["064", "PYRENEES ATLANTIQUES"], ["065", "HAUTES PYRENEES"], ["066", "PYRENEES ORIENTALES"],
  ["067", "BAS RHIN"], ["068", "HAUT RHIN"], ["069", "RHONE"], ["070", "HAUTE SAONE"],
  ["071", "SAONE ET LOIRE"], ["072", "SARTHE"], ["073", "SAVOIE"], ["074", "HAUTE SAVOIE"],
  ["075", "PARIS"], ["076", "SEINE MARITIME"], ["077", "SEINE ET MARNE"], ["078", "YVELINES"],
  ["079", "DEUX SEVRES"], ["080", "SOMME"], ["081", "TARN"], ["082", "TARN ET GARONNE"],
  ["083", "VAR"], ["084", "VAUCLUSE"], ["085", "VENDEE"], ["086", "VIENNE"],
  ["087", "HAUTE VIENNE"], ["088", "VOSGES"], ["089", "YONNE"],
  ["090", "TERRITOIRE DE BELFORT"], ["091", "ESSONNE"], ["092", "HAUTS DE SEINE"],
  ["093", "SEINE SAINT DENIS"], ["094", "VAL DE MARNE"], ["095", "VAL D'OISE"],
].map(([c, l]) => [c, l, "departement"]);
const OUTRE_MER = [
  ["971", "GUADELOUPE", "dom"],
  ["972", "MARTINIQUE", "dom"],
  ["973", "GUYANE", "dom"],
  ["974", "LA REUNION", "dom"],
  ["975", "SAINT PIERRE ET MIQUELON", "com"],
  ["976", "MAYOTTE", "dom"],
  ["977", "SAINT BARTHELEMY", "com"],
  ["978", "SAINT MARTIN", "com"],
  ["986", "WALLIS ET FUTUNA", "com"],
  ["987", "POLYNESIE FRANCAISE", "com"],
  ["988", "NOUVELLE CALEDONIE", "com"],
];
if (DEPARTEMENTS.length !== 96) throw new Error(`expected 96 metropolitan departements, got ${DEPARTEMENTS.length}`);
for (const [c, l] of [...DEPARTEMENTS, ...OUTRE_MER]) {
  if (!/^[0-9][0-9AB][0-9AB]$/.test(c) || c.length !== 3) throw new Error(`bad code ${c}`);
  if (!/^[A-Z' ]+$/.test(l)) throw new Error(`bad label ${l}`);
}
writeCsv("departements.csv", ["code", "label", "kind"], [...DEPARTEMENTS, ...OUTRE_MER]);

console.log(`sources: ${countriesPkg.name}@${countriesPkg.version} (${countriesPkg.license}), ` +
  `${nationalityPkg.name}@${nationalityPkg.version} (${nationalityPkg.license})`);
