//! `cyclades-server import-etablissements <file.csv>`: loads the national list of
//! établissements (the Annuaire de l'éducation, `fr-en-annuaire-education.csv`, `;`
//! separated) into the reference table, replacing the shipped sample's rows of the same UAI.
//! Columns are found by their header names (the export's order changes between years);
//! rows whose UAI fails its check letter, or that miss a field, are counted and skipped.

use app::domain::text::squeeze;
use app::domain::{DepartementCode, PostalCode, Uai};
use sea_orm::sea_query::OnConflict;
use sea_orm::{DbErr, EntityTrait, Set};
use std::collections::HashSet;

/// One row of the reference table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Etablissement {
    pub uai: String,
    pub name: String,
    pub kind: String,
    pub postal_code: String,
    pub commune_code: String,
    pub locality: String,
    pub departement: String,
}

/// What the import did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Report {
    pub imported: usize,
    /// A UAI seen again (one line per site in the export): the first line is kept.
    pub duplicates: usize,
    /// Closed establishments (`etat` other than OUVERT or A FERMER).
    pub closed: usize,
    /// Lines refused: bad UAI, missing field, wrong number of columns.
    pub refused: usize,
}

/// The header names read, lower case, spaces as underscores ("Code postal" in 2023).
const COLUMNS: [&str; 7] = [
    "identifiant_de_l_etablissement",
    "nom_etablissement",
    "type_etablissement",
    "code_postal",
    "code_commune",
    "nom_commune",
    "code_departement",
];

fn header_key(name: &str) -> String {
    name.trim()
        .trim_start_matches('\u{feff}')
        .trim_matches('"')
        .to_lowercase()
        .replace(' ', "_")
}

fn field(text: &str) -> String {
    squeeze(text.trim().trim_matches('"'))
}

/// Reads the export; the error names a missing column.
pub fn parse(text: &str) -> Result<(Vec<Etablissement>, Report), String> {
    let mut lines = text.lines();
    let header: Vec<String> = lines
        .next()
        .ok_or("the file is empty")?
        .split(';')
        .map(header_key)
        .collect();
    let position = |name: &str| header.iter().position(|h| h == name);
    let mut at = [0usize; 7];
    for (slot, name) in at.iter_mut().zip(COLUMNS) {
        *slot = position(name).ok_or_else(|| format!("column {name} missing from the header"))?;
    }
    let state = position("etat");
    let mut report = Report::default();
    let mut seen: HashSet<String> = HashSet::new();
    let mut rows = Vec::new();
    for line in lines
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty())
    {
        let cells: Vec<&str> = line.split(';').collect();
        if cells.len() != header.len() {
            report.refused += 1;
            continue;
        }
        if let Some(i) = state {
            let etat = field(cells[i]).to_uppercase();
            if !etat.is_empty() && etat != "OUVERT" && etat != "A FERMER" {
                report.closed += 1;
                continue;
            }
        }
        let get = |k: usize| field(cells[at[k]]);
        let Ok(uai) = Uai::parse(&get(0)) else {
            report.refused += 1;
            continue;
        };
        let commune_code = get(4).to_uppercase();
        // The export writes "78" or "2A" where the reference list writes "078", "02A".
        let departement = {
            let d = get(6);
            DepartementCode::parse(&format!("{d:0>3}"))
        };
        let (Ok(postal_code), Some(departement)) = (PostalCode::french(&get(3)), departement)
        else {
            report.refused += 1;
            continue;
        };
        let row = Etablissement {
            uai: uai.to_string(),
            name: get(1).to_uppercase(),
            kind: get(2),
            postal_code: postal_code.into_string(),
            commune_code,
            locality: get(5).to_uppercase(),
            departement: departement.into_string(),
        };
        let complete =
            row.commune_code.len() == 5 && !row.name.is_empty() && !row.locality.is_empty();
        if !complete {
            report.refused += 1;
            continue;
        }
        if !seen.insert(row.uai.clone()) {
            report.duplicates += 1;
            continue;
        }
        rows.push(row);
    }
    report.imported = rows.len();
    Ok((rows, report))
}

/// Writes the rows in one transaction (a UAI already there is updated).
pub async fn store(db: &sea_orm::DatabaseConnection, rows: &[Etablissement]) -> Result<(), DbErr> {
    use app::server::entities::etablissement as e;
    let txn = app::server::sql::write_transaction(db).await?;
    for chunk in rows.chunks(500) {
        let models = chunk.iter().map(|r| e::ActiveModel {
            uai: Set(r.uai.clone()),
            name: Set(r.name.chars().take(250).collect()),
            kind: Set(r.kind.chars().take(64).collect()),
            postal_code: Set(r.postal_code.clone()),
            commune_code: Set(r.commune_code.clone()),
            locality: Set(r.locality.chars().take(100).collect()),
            departement_code: Set(r.departement.clone()),
        });
        e::Entity::insert_many(models)
            .on_conflict(
                OnConflict::column(e::Column::Uai)
                    .update_columns([
                        e::Column::Name,
                        e::Column::Kind,
                        e::Column::PostalCode,
                        e::Column::CommuneCode,
                        e::Column::Locality,
                        e::Column::DepartementCode,
                    ])
                    .to_owned(),
            )
            .exec(&txn)
            .await?;
    }
    txn.commit().await
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "\u{feff}Identifiant_de_l_etablissement;Nom_etablissement;Type_etablissement;Statut_public_prive;Code_postal;Code_commune;Nom_commune;Code_departement;etat";

    #[test]
    fn reads_the_export_by_header_names_whatever_the_order_and_line_endings() {
        let text = format!(
            "{HEADER}\r\n0783371R;Etablissement pénitentiaire;Autre;Public;78000;78646;Versailles;078;OUVERT\r\n\
             0350615D;\"Ecole élémentaire publique Paul Langevin\";Ecole;Public;35000;35238;Rennes;35;OUVERT\r\n"
        );
        let (rows, report) = parse(&text).unwrap();
        assert_eq!(
            report,
            Report {
                imported: 2,
                ..Report::default()
            }
        );
        assert_eq!(rows[0].name, "ETABLISSEMENT PÉNITENTIAIRE");
        assert_eq!(rows[0].locality, "VERSAILLES");
        assert_eq!(rows[1].departement, "035", "two-digit codes are padded");
        assert_eq!(rows[1].name, "ECOLE ÉLÉMENTAIRE PUBLIQUE PAUL LANGEVIN");
    }

    #[test]
    fn bad_lines_are_counted_not_imported() {
        let text = format!(
            "{HEADER}\n0783371S;Mauvaise lettre;Autre;Public;78000;78646;Versailles;078;OUVERT\n\
             0783371R;Premier site;Autre;Public;78000;78646;Versailles;078;OUVERT\n\
             0783371R;Second site;Autre;Public;78000;78646;Versailles;078;OUVERT\n\
             0780422K;Fermé;Lycée;Public;78000;78646;Versailles;078;FERME\n\
             0350615D;Sans code postal;Ecole;Public;;35238;Rennes;035;OUVERT\n\
             trop;court\n"
        );
        let (rows, report) = parse(&text).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].name, "PREMIER SITE");
        assert_eq!(
            report,
            Report {
                imported: 1,
                duplicates: 1,
                closed: 1,
                refused: 3
            }
        );
    }

    #[test]
    fn a_missing_column_is_named() {
        let err = parse("Identifiant_de_l_etablissement;Nom_etablissement\n").unwrap_err();
        assert!(err.contains("type_etablissement"), "{err}");
    }

    #[test]
    fn the_2023_header_spelling_is_read() {
        let text = "Identifiant_de_l_etablissement;Nom_etablissement;Type_etablissement;Code postal;Code_commune;Nom_commune;Code_departement\n\
                    0783371R;X;Autre;78000;78646;Versailles;078\n";
        assert_eq!(parse(text).unwrap().1.imported, 1);
    }
}
