//! Reference lists for the account forms: countries, départements, communes.

pub mod lists;
use crate::domain::DepartementCode;
use crate::domain::text::{squeeze, upper_unaccented};
use crate::model::ListOption;
use crate::server::entities::{commune, country, departement};
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, QueryOrder};

/// Countries, France first, then by label.
pub async fn countries(db: &impl ConnectionTrait) -> Result<Vec<ListOption>, DbErr> {
    let mut rows: Vec<ListOption> = country::Entity::find()
        .order_by_asc(country::Column::Label)
        .all(db)
        .await?
        .into_iter()
        .map(|c| ListOption {
            code: c.code,
            label: c.label,
        })
        .collect();
    rows.sort_by_key(|c| c.code != crate::domain::account::FRANCE);
    Ok(rows)
}

/// Départements, DOM and COM as "062 - PAS DE CALAIS", by code.
pub async fn departements(db: &impl ConnectionTrait) -> Result<Vec<ListOption>, DbErr> {
    Ok(departement::Entity::find()
        .order_by_asc(departement::Column::Code)
        .all(db)
        .await?
        .into_iter()
        .map(|d| ListOption {
            label: format!("{} - {}", d.code, d.label),
            code: d.code,
        })
        .collect())
}

/// The form a commune name is searched in: upper case, no accents, hyphens and
/// apostrophes as spaces ("Saint-Étienne" → "SAINT ETIENNE").
fn search_form(text: &str) -> String {
    let spaced: String = upper_unaccented(text)
        .chars()
        .map(|c| {
            if matches!(c, '-' | '\'' | '’') {
                ' '
            } else {
                c
            }
        })
        .collect();
    squeeze(&spaced)
}

/// Every commune, by département, with its search form; read once per process (the list
/// changes only with a new version of the portal), so a suggestion costs no query.
#[derive(Debug, Default)]
pub struct Communes(std::collections::HashMap<String, Vec<(String, String)>>);

impl Communes {
    /// Reads the whole list (about 35,000 rows).
    pub async fn load(db: &impl ConnectionTrait) -> Result<Self, DbErr> {
        let mut by_departement: std::collections::HashMap<String, Vec<(String, String)>> =
            std::collections::HashMap::new();
        for c in commune::Entity::find()
            .order_by_asc(commune::Column::Label)
            .all(db)
            .await?
        {
            by_departement
                .entry(c.departement_code)
                .or_default()
                .push((search_form(&c.label), c.label));
        }
        Ok(Self(by_departement))
    }

    /// Up to `limit` communes of `departement` whose name starts with `typed` (then those
    /// that contain it), in INSEE's spelling.
    pub fn suggest(&self, departement: &str, typed: &str, limit: usize) -> Vec<String> {
        let wanted = search_form(typed);
        let Some(keyed) = self.0.get(departement).filter(|_| !wanted.is_empty()) else {
            return Vec::new();
        };
        let starts = keyed.iter().filter(|(k, _)| k.starts_with(&wanted));
        let contains = keyed
            .iter()
            .filter(|(k, _)| !k.starts_with(&wanted) && k.contains(&wanted));
        starts
            .chain(contains)
            .take(limit)
            .map(|(_, label)| label.clone())
            .collect()
    }
}

/// Up to `limit` communes of `departement` matching `typed`, from the process's copy of
/// the list (read on first use).
pub async fn communes(
    state: &crate::server::state::AppState,
    departement: &DepartementCode,
    typed: &str,
    limit: usize,
) -> Result<Vec<String>, DbErr> {
    let all = state
        .communes
        .get_or_try_init(|| Communes::load(&state.db))
        .await?;
    Ok(all.suggest(departement.as_str(), typed, limit))
}

#[cfg(test)]
mod tests {
    use super::search_form;

    #[test]
    fn commune_names_are_searched_without_case_accents_or_hyphens() {
        assert_eq!(search_form("Saint-Étienne"), "SAINT ETIENNE");
        assert_eq!(search_form("l'haÿ les  roses"), "L HAY LES ROSES");
    }
}
