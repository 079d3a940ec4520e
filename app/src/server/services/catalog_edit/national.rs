//! The national lists (national administrators): domains (their label: the code decides
//! the document of a registration), exams and certifications, their specialities, and the
//! tests of each speciality with the groups a choice is made in. An exam or speciality
//! that an offer refers to is archived, never deleted; a test of a speciality that has
//! candidatures is never deleted (candidatures name their tests by code).

use super::{checked, ensure_national, label, refused};
use crate::domain::CatalogCode;
use crate::domain::account::Errors;
use crate::error::AppError;
use crate::model::catalog_edit::{
    ChoiceGroupEdit, DomainEdit, EpreuveEdit, EpreuveForm, ExamEdit, GroupChoiceForm,
    NationalCatalog, NationalChange, SpecialityEdit,
};
use crate::server::entities::{
    candidature, domain, epreuve, epreuve_group, exam, offer, speciality,
};
use crate::server::identity::Staff;
use crate::server::state::AppState;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde_json::json;
use std::collections::HashMap;

/// The longest label of the lists.
const LABEL_MAX: usize = 200;

/// Every domain with its exams, specialities and tests.
pub async fn read(state: &AppState, staff: &Staff) -> Result<NationalCatalog, AppError> {
    ensure_national(staff)?;
    let db = &state.db;
    let offers = offer::Entity::find().all(db).await?;
    let mut offers_of_exam: HashMap<i32, u64> = HashMap::new();
    let mut offers_of_speciality: HashMap<i32, u64> = HashMap::new();
    let mut speciality_of_offer: HashMap<i32, i32> = HashMap::new();
    for o in &offers {
        *offers_of_exam.entry(o.exam_id).or_default() += 1;
        *offers_of_speciality.entry(o.speciality_id).or_default() += 1;
        speciality_of_offer.insert(o.id, o.speciality_id);
    }
    let mut candidatures_of: HashMap<i32, u64> = HashMap::new();
    // The offer of every candidature, to count them per speciality.
    for offer_id in candidature::Entity::find()
        .select_only()
        .column(candidature::Column::OfferId)
        .into_tuple::<i32>()
        .all(db)
        .await?
    {
        if let Some(s) = speciality_of_offer.get(&offer_id) {
            *candidatures_of.entry(*s).or_default() += 1;
        }
    }
    let epreuves = epreuve::Entity::find()
        .order_by_asc(epreuve::Column::Code)
        .all(db)
        .await?;
    let groups = epreuve_group::Entity::find()
        .order_by_asc(epreuve_group::Column::Code)
        .all(db)
        .await?;
    let specialities = speciality::Entity::find()
        .order_by_asc(speciality::Column::Code)
        .all(db)
        .await?;
    let exams = exam::Entity::find()
        .order_by_asc(exam::Column::Code)
        .all(db)
        .await?;
    let domains = domain::Entity::find()
        .order_by_asc(domain::Column::Code)
        .all(db)
        .await?;
    let speciality_edit = |s: &speciality::Model| SpecialityEdit {
        id: s.id,
        code: s.code.clone(),
        label: s.label.clone(),
        archived: s.archived_at.is_some(),
        offers: offers_of_speciality.get(&s.id).copied().unwrap_or(0),
        candidatures: candidatures_of.get(&s.id).copied().unwrap_or(0),
        epreuves: epreuves
            .iter()
            .filter(|e| e.speciality_id == s.id)
            .map(|e| EpreuveEdit {
                id: e.id,
                code: e.code.clone(),
                label: e.label.clone(),
                kind: e.kind.clone(),
                mode: e.mode.clone(),
                group: e.choice_group.clone(),
            })
            .collect(),
        groups: groups
            .iter()
            .filter(|g| g.speciality_id == s.id)
            .map(|g| ChoiceGroupEdit {
                id: g.id,
                code: g.code.clone(),
                label: g.label.clone(),
                min: g.min_choices,
                max: g.max_choices,
                used: epreuves
                    .iter()
                    .any(|e| e.speciality_id == s.id && e.choice_group.as_deref() == Some(&g.code)),
            })
            .collect(),
    };
    Ok(NationalCatalog {
        domains: domains
            .into_iter()
            .map(|d| DomainEdit {
                exams: exams
                    .iter()
                    .filter(|e| e.domain_id == d.id)
                    .map(|e| ExamEdit {
                        id: e.id,
                        code: e.code.clone(),
                        label: e.label.clone(),
                        archived: e.archived_at.is_some(),
                        offers: offers_of_exam.get(&e.id).copied().unwrap_or(0),
                        specialities: specialities
                            .iter()
                            .filter(|s| s.exam_id == e.id)
                            .map(speciality_edit)
                            .collect(),
                    })
                    .collect(),
                id: d.id,
                code: d.code,
                label: d.label,
            })
            .collect(),
    })
}

/// Applies one change (in one transaction, with its journal row).
pub async fn apply(
    state: &AppState,
    staff: &Staff,
    change: NationalChange,
) -> Result<(), AppError> {
    ensure_national(staff)?;
    let now = state.clock.now();
    let acting = staff.acting(state).await;
    let txn = crate::server::sql::write_transaction(&state.db).await?;
    let (action, subject, before, after) = match change {
        NationalChange::DomainLabel { id, label: typed } => {
            let d = domain::Entity::find_by_id(id)
                .one(&txn)
                .await?
                .ok_or(AppError::NotFound)?;
            let l = label(&typed, LABEL_MAX).ok_or_else(|| {
                refused(
                    "label",
                    "Saisissez le libellé du domaine (200 caractères au plus).",
                )
            })?;
            let before = json!({ "libelle": d.label });
            let mut a: domain::ActiveModel = d.into();
            a.label = Set(l.clone());
            a.update(&txn).await?;
            (
                "catalogue.domaine.libelle",
                format!("domaine:{id}"),
                Some(before),
                json!({ "libelle": l }),
            )
        }
        NationalChange::ExamAdd {
            domain: d,
            code,
            label: typed,
        } => {
            domain::Entity::find_by_id(d)
                .one(&txn)
                .await?
                .ok_or(AppError::NotFound)?;
            let mut r = Errors::default();
            let code = parse_code(&code, "code", &mut r);
            let l = label(&typed, LABEL_MAX);
            if l.is_none() {
                r.add("label", "Saisissez le libellé de l'examen ou de la certification (200 caractères au plus).");
            }
            if let Some(c) = &code
                && exam::Entity::find()
                    .filter(exam::Column::Code.eq(c.as_str()))
                    .count(&txn)
                    .await?
                    > 0
            {
                r.add("code", "Ce code est déjà celui d'un examen ou d'une certification : choisissez-en un autre.");
            }
            checked(r)?;
            let (Some(code), Some(l)) = (code, l) else {
                return Err(AppError::InvalidInput);
            };
            let e = exam::ActiveModel {
                domain_id: Set(d),
                code: Set(code.as_str().to_owned()),
                label: Set(l),
                archived_at: Set(None),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            (
                "catalogue.examen.creation",
                format!("examen:{}", e.id),
                None,
                json!({ "domaine": d, "code": e.code, "libelle": e.label }),
            )
        }
        NationalChange::ExamLabel { id, label: typed } => {
            let e = exam_row(&txn, id).await?;
            let l = label(&typed, LABEL_MAX).ok_or_else(|| {
                refused("label", "Saisissez le libellé de l'examen ou de la certification (200 caractères au plus).")
            })?;
            let before = json!({ "libelle": e.label });
            let mut a: exam::ActiveModel = e.into();
            a.label = Set(l.clone());
            a.update(&txn).await?;
            (
                "catalogue.examen.libelle",
                format!("examen:{id}"),
                Some(before),
                json!({ "libelle": l }),
            )
        }
        NationalChange::ExamArchive { id, archived } => {
            let e = exam_row(&txn, id).await?;
            let mut a: exam::ActiveModel = e.into();
            a.archived_at = Set(archived.then_some(now));
            a.update(&txn).await?;
            (
                if archived {
                    "catalogue.examen.archivage"
                } else {
                    "catalogue.examen.retablissement"
                },
                format!("examen:{id}"),
                None,
                json!({ "archive": archived }),
            )
        }
        NationalChange::ExamDelete { id } => {
            let e = exam_row(&txn, id).await?;
            if offer::Entity::find()
                .filter(offer::Column::ExamId.eq(id))
                .count(&txn)
                .await?
                > 0
            {
                return Err(refused(
                    "examen",
                    "Des offres se rapportent à cet examen : il ne peut pas être supprimé. Archivez-le pour qu'aucune offre ne soit plus créée.",
                ));
            }
            for s in speciality::Entity::find()
                .filter(speciality::Column::ExamId.eq(id))
                .all(&txn)
                .await?
            {
                delete_speciality(&txn, s.id).await?;
            }
            exam::Entity::delete_by_id(id).exec(&txn).await?;
            (
                "catalogue.examen.suppression",
                format!("examen:{id}"),
                Some(json!({ "code": e.code, "libelle": e.label })),
                json!({}),
            )
        }
        NationalChange::SpecialityAdd {
            exam: exam_id,
            code,
            label: typed,
        } => {
            let e = exam_row(&txn, exam_id).await?;
            let mut r = Errors::default();
            if e.archived_at.is_some() {
                r.add(
                    "code",
                    "Cet examen est archivé : rétablissez-le avant de lui ajouter une spécialité.",
                );
            }
            let code = parse_code(&code, "code", &mut r);
            let l = label(&typed, LABEL_MAX);
            if l.is_none() {
                r.add(
                    "label",
                    "Saisissez le libellé de la spécialité (200 caractères au plus).",
                );
            }
            if let Some(c) = &code
                && speciality::Entity::find()
                    .filter(speciality::Column::ExamId.eq(exam_id))
                    .filter(speciality::Column::Code.eq(c.as_str()))
                    .count(&txn)
                    .await?
                    > 0
            {
                r.add(
                    "code",
                    "Cet examen a déjà une spécialité de ce code : choisissez-en un autre.",
                );
            }
            checked(r)?;
            let (Some(code), Some(l)) = (code, l) else {
                return Err(AppError::InvalidInput);
            };
            let s = speciality::ActiveModel {
                exam_id: Set(exam_id),
                code: Set(code.as_str().to_owned()),
                label: Set(l),
                archived_at: Set(None),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            (
                "catalogue.specialite.creation",
                format!("specialite:{}", s.id),
                None,
                json!({ "examen": exam_id, "code": s.code, "libelle": s.label }),
            )
        }
        NationalChange::SpecialityLabel { id, label: typed } => {
            let s = speciality_row(&txn, id).await?;
            let l = label(&typed, LABEL_MAX).ok_or_else(|| {
                refused(
                    "label",
                    "Saisissez le libellé de la spécialité (200 caractères au plus).",
                )
            })?;
            let before = json!({ "libelle": s.label });
            let mut a: speciality::ActiveModel = s.into();
            a.label = Set(l.clone());
            a.update(&txn).await?;
            (
                "catalogue.specialite.libelle",
                format!("specialite:{id}"),
                Some(before),
                json!({ "libelle": l }),
            )
        }
        NationalChange::SpecialityArchive { id, archived } => {
            let s = speciality_row(&txn, id).await?;
            let mut a: speciality::ActiveModel = s.into();
            a.archived_at = Set(archived.then_some(now));
            a.update(&txn).await?;
            (
                if archived {
                    "catalogue.specialite.archivage"
                } else {
                    "catalogue.specialite.retablissement"
                },
                format!("specialite:{id}"),
                None,
                json!({ "archive": archived }),
            )
        }
        NationalChange::SpecialityDelete { id } => {
            let s = speciality_row(&txn, id).await?;
            if offer::Entity::find()
                .filter(offer::Column::SpecialityId.eq(id))
                .count(&txn)
                .await?
                > 0
            {
                return Err(refused(
                    "specialite",
                    "Des offres se rapportent à cette spécialité : elle ne peut pas être supprimée. Archivez-la pour qu'aucune offre ne soit plus créée.",
                ));
            }
            delete_speciality(&txn, id).await?;
            (
                "catalogue.specialite.suppression",
                format!("specialite:{id}"),
                Some(json!({ "code": s.code, "libelle": s.label })),
                json!({}),
            )
        }
        NationalChange::EpreuveAdd(form) => add_epreuve(&txn, &form).await?,
        NationalChange::EpreuveLabel { id, label: typed } => {
            let e = epreuve::Entity::find_by_id(id)
                .one(&txn)
                .await?
                .ok_or(AppError::NotFound)?;
            let l = label(&typed, LABEL_MAX).ok_or_else(|| {
                refused("label", "Saisissez le libellé de l'épreuve (200 caractères au plus), par exemple « EPREUVE 1 ».")
            })?;
            let before = json!({ "libelle": e.label });
            let mut a: epreuve::ActiveModel = e.into();
            a.label = Set(l.clone());
            a.update(&txn).await?;
            (
                "catalogue.epreuve.libelle",
                format!("epreuve:{id}"),
                Some(before),
                json!({ "libelle": l }),
            )
        }
        NationalChange::EpreuveDelete { id } => {
            let e = epreuve::Entity::find_by_id(id)
                .one(&txn)
                .await?
                .ok_or(AppError::NotFound)?;
            if candidatures_of_speciality(&txn, e.speciality_id).await? > 0 {
                return Err(refused(
                    "epreuve",
                    "Des candidatures de cette spécialité existent : l'épreuve ne peut pas être supprimée.",
                ));
            }
            epreuve::Entity::delete_by_id(id).exec(&txn).await?;
            (
                "catalogue.epreuve.suppression",
                format!("epreuve:{id}"),
                Some(json!({ "specialite": e.speciality_id, "code": e.code, "libelle": e.label })),
                json!({}),
            )
        }
        NationalChange::GroupAdd(form) => add_group(&txn, &form).await?,
        NationalChange::GroupDelete { id } => {
            let g = epreuve_group::Entity::find_by_id(id)
                .one(&txn)
                .await?
                .ok_or(AppError::NotFound)?;
            if epreuve::Entity::find()
                .filter(epreuve::Column::SpecialityId.eq(g.speciality_id))
                .filter(epreuve::Column::ChoiceGroup.eq(g.code.as_str()))
                .count(&txn)
                .await?
                > 0
            {
                return Err(refused(
                    "groupe",
                    "Des épreuves sont dans ce groupe : il ne peut pas être supprimé.",
                ));
            }
            epreuve_group::Entity::delete_by_id(id).exec(&txn).await?;
            (
                "catalogue.groupe.suppression",
                format!("groupe:{id}"),
                Some(json!({ "specialite": g.speciality_id, "code": g.code })),
                json!({}),
            )
        }
    };
    acting
        .record(&txn, action, &subject, before, Some(after), now)
        .await?;
    txn.commit().await?;
    Ok(())
}

type Logged = (
    &'static str,
    String,
    Option<serde_json::Value>,
    serde_json::Value,
);

fn parse_code(typed: &str, field: &str, r: &mut Errors) -> Option<CatalogCode> {
    let code = CatalogCode::parse(typed).ok();
    if code.is_none() {
        r.add(field, "Saisissez un code de 32 caractères au plus : lettres sans accent, chiffres, « - » ou « _ », par exemple DCL.");
    }
    code
}

async fn exam_row(db: &impl ConnectionTrait, id: i32) -> Result<exam::Model, AppError> {
    exam::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

async fn speciality_row(db: &impl ConnectionTrait, id: i32) -> Result<speciality::Model, AppError> {
    speciality::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// Candidatures (any status) of the offers of speciality `id`.
async fn candidatures_of_speciality(db: &impl ConnectionTrait, id: i32) -> Result<u64, AppError> {
    let offers: Vec<i32> = offer::Entity::find()
        .filter(offer::Column::SpecialityId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|o| o.id)
        .collect();
    Ok(candidature::Entity::find()
        .filter(candidature::Column::OfferId.is_in(offers))
        .count(db)
        .await?)
}

/// Deletes a speciality that no offer refers to, with its tests and groups.
async fn delete_speciality(db: &impl ConnectionTrait, id: i32) -> Result<(), AppError> {
    epreuve::Entity::delete_many()
        .filter(epreuve::Column::SpecialityId.eq(id))
        .exec(db)
        .await?;
    epreuve_group::Entity::delete_many()
        .filter(epreuve_group::Column::SpecialityId.eq(id))
        .exec(db)
        .await?;
    speciality::Entity::delete_by_id(id).exec(db).await?;
    Ok(())
}

/// "Ajouter l'épreuve": a code of up to 8 letters or digits ("010"), unique in the
/// speciality; a label; obligatoire, facultative or à choix (then in one of the
/// speciality's groups); écrit or oral.
async fn add_epreuve(db: &impl ConnectionTrait, form: &EpreuveForm) -> Result<Logged, AppError> {
    let s = speciality_row(db, form.speciality).await?;
    let mut r = Errors::default();
    let code = form.code.trim().to_ascii_uppercase();
    if code.is_empty() || code.len() > 8 || !code.bytes().all(|b| b.is_ascii_alphanumeric()) {
        r.add(
            "code",
            "Saisissez le code de l'épreuve : 8 lettres ou chiffres au plus, par exemple 010.",
        );
    } else if epreuve::Entity::find()
        .filter(epreuve::Column::SpecialityId.eq(s.id))
        .filter(epreuve::Column::Code.eq(code.as_str()))
        .count(db)
        .await?
        > 0
    {
        r.add(
            "code",
            "Cette spécialité a déjà une épreuve de ce code : choisissez-en un autre.",
        );
    }
    let l = label(&form.label, LABEL_MAX);
    if l.is_none() {
        r.add("label", "Saisissez le libellé de l'épreuve (200 caractères au plus), par exemple « EPREUVE 1 ».");
    }
    let kind = form.kind.as_str();
    if !["obligatoire", "facultative", "a_choix"].contains(&kind) {
        r.add("kind", "Choisissez : obligatoire, facultative ou à choix.");
    }
    let mode = form.mode.as_str();
    if !["ecrit", "oral"].contains(&mode) {
        r.add("mode", "Choisissez : écrit ou oral.");
    }
    let group = form.group.trim().to_ascii_uppercase();
    let group = if kind == "a_choix" {
        let known = !group.is_empty()
            && epreuve_group::Entity::find()
                .filter(epreuve_group::Column::SpecialityId.eq(s.id))
                .filter(epreuve_group::Column::Code.eq(group.as_str()))
                .count(db)
                .await?
                > 0;
        if !known {
            r.add("group", "Une épreuve à choix appartient à un groupe de choix de la spécialité : choisissez-le (ou ajoutez d'abord le groupe).");
        }
        Some(group)
    } else {
        None
    };
    checked(r)?;
    let l = l.ok_or(AppError::InvalidInput)?;
    let e = epreuve::ActiveModel {
        speciality_id: Set(s.id),
        code: Set(code),
        label: Set(l),
        kind: Set(kind.to_owned()),
        mode: Set(mode.to_owned()),
        choice_group: Set(group),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok((
        "catalogue.epreuve.creation",
        format!("epreuve:{}", e.id),
        None,
        json!({ "specialite": s.id, "code": e.code, "libelle": e.label, "nature": e.kind, "mode": e.mode, "groupe": e.choice_group }),
    ))
}

/// "Ajouter le groupe": a code, a label, and how many of its tests a candidate chooses.
async fn add_group(db: &impl ConnectionTrait, form: &GroupChoiceForm) -> Result<Logged, AppError> {
    let s = speciality_row(db, form.speciality).await?;
    let mut r = Errors::default();
    let code = parse_code(&form.code, "code", &mut r);
    if let Some(c) = &code
        && epreuve_group::Entity::find()
            .filter(epreuve_group::Column::SpecialityId.eq(s.id))
            .filter(epreuve_group::Column::Code.eq(c.as_str()))
            .count(db)
            .await?
            > 0
    {
        r.add(
            "code",
            "Cette spécialité a déjà un groupe de ce code : choisissez-en un autre.",
        );
    }
    let l = label(&form.label, LABEL_MAX);
    if l.is_none() {
        r.add("label", "Saisissez le libellé du groupe (200 caractères au plus), par exemple « Support de l'épreuve orale ».");
    }
    let count = |typed: &str| {
        typed
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|n| (0..=20).contains(n))
    };
    let min = count(&form.min);
    if min.is_none() {
        r.add("min", "Saisissez un nombre de 0 à 20.");
    }
    let max = count(&form.max);
    match (min, max) {
        (_, None) | (_, Some(0)) => r.add("max", "Saisissez un nombre de 1 à 20."),
        (Some(a), Some(b)) if b < a => r.add(
            "max",
            "Le nombre maximal ne peut pas être inférieur au nombre minimal.",
        ),
        _ => {}
    }
    checked(r)?;
    let (Some(code), Some(l), Some(min), Some(max)) = (code, l, min, max) else {
        return Err(AppError::InvalidInput);
    };
    let g = epreuve_group::ActiveModel {
        speciality_id: Set(s.id),
        code: Set(code.as_str().to_owned()),
        label: Set(l),
        min_choices: Set(min),
        max_choices: Set(max),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok((
        "catalogue.groupe.creation",
        format!("groupe:{}", g.id),
        None,
        json!({ "specialite": s.id, "code": g.code, "libelle": g.label, "min": min, "max": max }),
    ))
}
