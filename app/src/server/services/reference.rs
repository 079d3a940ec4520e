//! Reference lists for the account forms: countries, départements, communes.

use crate::domain::text::upper_unaccented;
use crate::model::ListOption;
use crate::server::entities::{commune, country, departement};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

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
    upper_unaccented(text)
        .chars()
        .map(|c| {
            if c == '-' || c == '\'' || c == '’' {
                ' '
            } else {
                c
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Up to `limit` communes of `departement` whose name starts with `typed` (then those that
/// contain it), in INSEE's spelling.
pub async fn communes(
    db: &impl ConnectionTrait,
    departement: &str,
    typed: &str,
    limit: usize,
) -> Result<Vec<String>, DbErr> {
    let wanted = search_form(typed);
    if wanted.is_empty() {
        return Ok(Vec::new());
    }
    let all = commune::Entity::find()
        .filter(commune::Column::DepartementCode.eq(departement))
        .order_by_asc(commune::Column::Label)
        .all(db)
        .await?;
    let keyed: Vec<(String, String)> = all
        .into_iter()
        .map(|c| (search_form(&c.label), c.label))
        .collect();
    let starts = keyed.iter().filter(|(k, _)| k.starts_with(&wanted));
    let contains = keyed
        .iter()
        .filter(|(k, _)| !k.starts_with(&wanted) && k.contains(&wanted));
    Ok(starts
        .chain(contains)
        .take(limit)
        .map(|(_, label)| label.clone())
        .collect())
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
