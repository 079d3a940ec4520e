//! "Ouverture des services": the cascading selection over the catalog and the offers with
//! their registration periods (P2; reused by "M'inscrire").

use crate::domain::{LocalDateTime, RegistrationPeriod};
use crate::model::{
    Choice, Level, LevelChoices, OfferLine, OfferList, Selection, ServicesView, SummaryItem,
};
use crate::server::entities::{academy, domain, exam, offer, session, speciality};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Query;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::HashMap;

/// Builds the page for `selection`: the levels already chosen (codes that do not exist are
/// dropped with every level after them), the choices of the next level, and, once every
/// level is chosen, the offers of that exam in that académie and session.
pub async fn services_view(
    db: &impl ConnectionTrait,
    tz: chrono_tz::Tz,
    now: DateTime<Utc>,
    selection: &Selection,
) -> Result<ServicesView, DbErr> {
    let mut view = ServicesView {
        selection: Selection::default(),
        summary: Vec::new(),
        next: None,
        offers: None,
    };

    // Domain
    let domains = domain::Entity::find()
        .filter(
            domain::Column::Id.in_subquery(
                Query::select()
                    .column(exam::Column::DomainId)
                    .from(exam::Entity)
                    .and_where(exam::Column::Id.in_subquery(offered(offer::Column::ExamId)))
                    .to_owned(),
            ),
        )
        .order_by_asc(domain::Column::Code)
        .all(db)
        .await?;
    let Some(dom) = pick(&domains, selection.domain.as_ref(), |d| &d.code) else {
        view.next = Some(choices(Level::Domain, &domains, |d| {
            (
                d.label.clone(),
                with(&view.selection, |s| s.domain = code(&d.code)),
            )
        }));
        return Ok(view);
    };
    chosen(&mut view, Level::Domain, &dom.label, |s| {
        s.domain = code(&dom.code)
    });

    // Exam or certification
    let exams = exam::Entity::find()
        .filter(exam::Column::DomainId.eq(dom.id))
        .filter(exam::Column::Id.in_subquery(offered(offer::Column::ExamId)))
        .all(db)
        .await?;
    let exams = sorted(exams, |e| &e.label);
    let Some(ex) = pick(&exams, selection.exam.as_ref(), |e| &e.code) else {
        view.next = Some(choices(Level::Exam, &exams, |e| {
            (
                e.label.clone(),
                with(&view.selection, |s| s.exam = code(&e.code)),
            )
        }));
        return Ok(view);
    };
    chosen(&mut view, Level::Exam, &ex.label, |s| {
        s.exam = code(&ex.code)
    });

    // Speciality
    let specialities = speciality::Entity::find()
        .filter(speciality::Column::ExamId.eq(ex.id))
        .filter(speciality::Column::Id.in_subquery(offered(offer::Column::SpecialityId)))
        .all(db)
        .await?;
    let specialities = sorted(specialities, |s| &s.label);
    let Some(spe) = pick(&specialities, selection.speciality.as_ref(), |s| &s.code) else {
        view.next = Some(choices(Level::Speciality, &specialities, |sp| {
            (
                sp.label.clone(),
                with(&view.selection, |s| s.speciality = code(&sp.code)),
            )
        }));
        return Ok(view);
    };
    chosen(&mut view, Level::Speciality, &spe.label, |s| {
        s.speciality = code(&spe.code)
    });

    // Académie and session
    let places = places_of(db, spe.id).await?;
    let wanted = selection
        .academy
        .as_ref()
        .zip(selection.session)
        .and_then(|(a, y)| {
            places
                .iter()
                .find(|(ac, se)| ac.code == a.as_str() && se.year == y)
        });
    let Some((aca, ses)) = wanted else {
        view.next = Some(choices(Level::AcademySession, &places, |(ac, se)| {
            (
                place_label(ac, se),
                with(&view.selection, |s| {
                    s.academy = code(&ac.code);
                    s.session = Some(se.year);
                }),
            )
        }));
        return Ok(view);
    };
    chosen(
        &mut view,
        Level::AcademySession,
        &place_label(aca, ses),
        |s| {
            s.academy = code(&aca.code);
            s.session = Some(ses.year);
        },
    );

    // The offers of this exam in this académie and session.
    let offers = offer::Entity::find()
        .filter(offer::Column::ExamId.eq(ex.id))
        .filter(offer::Column::AcademyId.eq(aca.id))
        .filter(offer::Column::SessionId.eq(ses.id))
        .find_also_related(speciality::Entity)
        .all(db)
        .await?;
    let chosen_offer = offers
        .iter()
        .find(|(o, _)| o.speciality_id == spe.id)
        .map(|(o, _)| o.public_id);
    let mut lines: Vec<OfferLine> = offers
        .into_iter()
        .filter_map(|(o, sp)| {
            let sp = sp?;
            let period = RegistrationPeriod::new(o.opens_at, o.closes_at).ok()?;
            Some(OfferLine {
                exam_label: ex.label.clone(),
                speciality_label: sp.label,
                opens_at: LocalDateTime::from_utc(o.opens_at, tz),
                closes_at: LocalDateTime::from_utc(o.closes_at, tz),
                state: period.state_at(now),
                chosen: sp.id == spe.id,
            })
        })
        .collect();
    lines.sort_by_cached_key(|l| sort_key(&l.speciality_label));
    view.offers = Some(OfferList {
        heading: offers_heading(&dom.code, &aca.name),
        offers: lines,
        chosen_offer,
    });
    Ok(view)
}

/// The same order on every database: upper case, accents ignored ("É" sorts with "E").
fn sort_key(label: &str) -> String {
    crate::domain::text::upper_unaccented(label)
}

fn sorted<T>(mut items: Vec<T>, label: impl Fn(&T) -> &String) -> Vec<T> {
    items.sort_by_cached_key(|i| sort_key(label(i)));
    items
}

/// `SELECT <column> FROM offers`: the ids that have at least one offer.
fn offered(column: offer::Column) -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .column(column)
        .from(offer::Entity)
        .to_owned()
}

/// The (académie, session) pairs that offer `speciality_id`, by académie then year.
async fn places_of(
    db: &impl ConnectionTrait,
    speciality_id: i32,
) -> Result<Vec<(academy::Model, session::Model)>, DbErr> {
    let offers = offer::Entity::find()
        .filter(offer::Column::SpecialityId.eq(speciality_id))
        .select_only()
        .columns([offer::Column::AcademyId, offer::Column::SessionId])
        .into_tuple::<(i32, i32)>()
        .all(db)
        .await?;
    let academies: HashMap<i32, academy::Model> = academy::Entity::find()
        .filter(academy::Column::Id.is_in(offers.iter().map(|o| o.0)))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    let sessions: HashMap<i32, session::Model> = session::Entity::find()
        .filter(session::Column::Id.is_in(offers.iter().map(|o| o.1)))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let mut places: Vec<_> = offers
        .iter()
        .filter_map(|(a, s)| Some((academies.get(a)?.clone(), sessions.get(s)?.clone())))
        .collect();
    places.sort_by_cached_key(|(a, s)| (sort_key(&a.label), s.year));
    places.dedup_by(|x, y| x.0.id == y.0.id && x.1.id == y.1.id);
    Ok(places)
}

/// "ACADÉMIE DE VERSAILLES - (2020)", as the guide writes the last level.
fn place_label(academy: &academy::Model, session: &session::Model) -> String {
    format!("{} - ({})", academy.label, session.year)
}

/// "Certifications proposées dans l'Académie de Versailles :" (G02) or the exams' form (G01).
pub fn offers_heading(domain_code: &str, academy_name: &str) -> String {
    let what = if domain_code == "G01" {
        "Examens proposés"
    } else {
        "Certifications proposées"
    };
    let starts_with_vowel = academy_name
        .chars()
        .next()
        .is_some_and(|c| "AEIOUYÉÈÊÂÎÔÛaeiouyéèêâîôû".contains(c));
    let de = if starts_with_vowel { "d'" } else { "de " };
    format!("{what} dans l'Académie {de}{academy_name} :")
}

fn code(text: &str) -> Option<crate::domain::CatalogCode> {
    crate::domain::CatalogCode::parse(text).ok()
}

/// The entry of `items` whose code is `wanted`, if any.
fn pick<'a, T>(
    items: &'a [T],
    wanted: Option<&crate::domain::CatalogCode>,
    code_of: impl Fn(&T) -> &String,
) -> Option<&'a T> {
    let wanted = wanted?;
    items.iter().find(|i| code_of(i) == wanted.as_str())
}

fn with(base: &Selection, change: impl FnOnce(&mut Selection)) -> Selection {
    let mut s = base.clone();
    change(&mut s);
    s
}

fn choices<T>(level: Level, items: &[T], to: impl Fn(&T) -> (String, Selection)) -> LevelChoices {
    LevelChoices {
        level,
        choices: items
            .iter()
            .map(|i| {
                let (label, selection) = to(i);
                Choice { label, selection }
            })
            .collect(),
    }
}

/// Records a chosen level in the summary and in the selection.
fn chosen(view: &mut ServicesView, level: Level, label: &str, set: impl FnOnce(&mut Selection)) {
    view.summary.push(SummaryItem {
        level,
        label: label.to_owned(),
        back: view.selection.before(level),
    });
    set(&mut view.selection);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{CatalogCode, PeriodState};
    use chrono::TimeZone;
    use migration::{Migrator, MigratorTrait};
    use sea_orm::{ConnectOptions, Database, DatabaseConnection};

    async fn demo_db(now: DateTime<Utc>) -> DatabaseConnection {
        let mut options = ConnectOptions::new("sqlite::memory:");
        options.max_connections(1);
        let db = Database::connect(options).await.unwrap();
        Migrator::up(&db, None).await.unwrap();
        crate::server::demo::load_if_empty(&db, chrono_tz::Europe::Paris, now)
            .await
            .unwrap();
        db
    }

    fn sel(domain: &str, exam: &str, speciality: &str, academy: &str, session: i32) -> Selection {
        let c = |s: &str| (!s.is_empty()).then(|| CatalogCode::parse(s).unwrap());
        Selection {
            domain: c(domain),
            exam: c(exam),
            speciality: c(speciality),
            academy: c(academy),
            session: (session > 0).then_some(session),
        }
    }

    #[tokio::test]
    async fn each_level_lists_only_what_has_offers_and_the_end_lists_the_offers() {
        let now = Utc.with_ymd_and_hms(2026, 11, 29, 9, 0, 0).unwrap();
        let db = demo_db(now).await;
        let tz = chrono_tz::Europe::Paris;

        let v = services_view(&db, tz, now, &Selection::default())
            .await
            .unwrap();
        let labels: Vec<_> = v
            .next
            .unwrap()
            .choices
            .into_iter()
            .map(|c| c.label)
            .collect();
        assert_eq!(labels, ["Autres examens", "Autres Certifications"]);

        let v = services_view(&db, tz, now, &sel("G01", "", "", "", 0))
            .await
            .unwrap();
        let next = v.next.unwrap();
        assert_eq!(next.level, Level::Exam);
        assert_eq!(next.choices.len(), 1);
        assert_eq!(
            next.choices[0].selection.to_query(),
            "?domaine=G01&examen=DCL"
        );

        let v = services_view(&db, tz, now, &sel("G01", "DCL", "ANGLAIS", "", 0))
            .await
            .unwrap();
        let next = v.next.unwrap();
        assert_eq!(next.level, Level::AcademySession);
        assert_eq!(next.choices[0].label, "ACADÉMIE D'AIX-MARSEILLE - (2027)");

        let full = sel("G02", "CCPE1D", "DNL-EDUC-MUSICALE", "VERSAILLES", 2027);
        let v = services_view(&db, tz, now, &full).await.unwrap();
        assert_eq!(v.selection, full);
        assert_eq!(v.summary.len(), 4);
        assert_eq!(v.summary[3].back, full.before(Level::AcademySession));
        let list = v.offers.unwrap();
        let states: Vec<_> = list.offers.iter().map(|o| (o.chosen, o.state)).collect();
        assert_eq!(
            states,
            [
                (false, PeriodState::Open),
                (false, PeriodState::Open),
                (true, PeriodState::NotYetOpen),
            ]
        );
        assert!(!list.chosen_open(), "the chosen speciality is not open yet");
    }

    #[tokio::test]
    async fn an_unknown_code_stops_the_selection_at_the_level_before() {
        let now = Utc.with_ymd_and_hms(2026, 11, 29, 9, 0, 0).unwrap();
        let db = demo_db(now).await;
        let v = services_view(
            &db,
            chrono_tz::Europe::Paris,
            now,
            &sel("G02", "CCPE1D", "NOPE", "VERSAILLES", 2027),
        )
        .await
        .unwrap();
        assert_eq!(v.summary.len(), 2);
        assert_eq!(v.next.unwrap().level, Level::Speciality);
        assert!(v.offers.is_none());
        assert_eq!(v.selection, sel("G02", "CCPE1D", "", "", 0));
    }

    #[test]
    fn labels_sort_alike_on_every_database() {
        let mut labels = vec!["Zoologie", "économie", "Anglais", "Éducation", "allemand"];
        labels.sort_by_cached_key(|l| sort_key(l));
        assert_eq!(
            labels,
            ["allemand", "Anglais", "économie", "Éducation", "Zoologie"]
        );
    }

    #[test]
    fn heading_follows_the_domain_and_elides_before_a_vowel() {
        assert_eq!(
            offers_heading("G02", "Versailles"),
            "Certifications proposées dans l'Académie de Versailles :"
        );
        assert_eq!(
            offers_heading("G01", "Aix-Marseille"),
            "Examens proposés dans l'Académie d'Aix-Marseille :"
        );
        assert_eq!(
            offers_heading("G02", "Orléans-Tours"),
            "Certifications proposées dans l'Académie d'Orléans-Tours :"
        );
    }
}
