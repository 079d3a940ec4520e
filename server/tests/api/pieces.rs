//! The pieces asked of a candidature (REQUIREMENTS J1, J2, J5; issue 14): the demo offer's
//! two groups by mode then deadline, in the guide's words; a piece asked of another
//! candidature only is not this one's; deposited files (not deleted ones) with their date;
//! the counter of conforming pieces; the online window closing at its deadline. Both
//! databases.

use crate::accounts::active_account;
use crate::on_both_databases;
use crate::registrations::{offer_of, register};
use app::model::pieces::{PieceMode, PieceStatus};
use app::server::entities::{candidature, piece, piece_file, piece_group, piece_review};
use app::server::services::pieces::requested;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

on_both_databases! {
    async fn a_candidature_lists_its_pieces_by_mode_and_deadline_with_the_counter(app) {
        let cinema = offer_of(&app, "ARTS-CINEMA", "VERSAILLES").await;
        let mine = active_account(&app, "jean.talu@example.fr").await;
        assert_eq!(register(&app, &mine, cinema.public_id).await.status, 200);
        let other = active_account(&app, "autre@example.fr").await;
        assert_eq!(register(&app, &other, cinema.public_id).await.status, 200);
        let db = &app.state.db;
        let rows = candidature::Entity::find().filter(candidature::Column::OfferId.eq(cinema.id)).all(db).await.unwrap();
        let account = |email: &str| {
            let email = email.to_owned();
            async move {
                app::server::entities::account::Entity::find()
                    .filter(app::server::entities::account::Column::Email.eq(email))
                    .one(db).await.unwrap().unwrap().id
            }
        };
        let me = account("jean.talu@example.fr").await;
        let c = rows.iter().find(|c| c.account_id == me).unwrap().clone();
        let them = rows.iter().find(|c| c.account_id != me).unwrap().clone();
        let now = app.state.clock.now();

        // A piece asked of the other candidature only, in the online group.
        let online = piece_group::Entity::find()
            .filter(piece_group::Column::OfferId.eq(cinema.id))
            .filter(piece_group::Column::Mode.eq("en_ligne"))
            .one(db).await.unwrap().unwrap();
        piece::ActiveModel {
            group_id: Set(online.id), label: Set("Justificatif 3".into()), description: Set("Pour l'autre seulement".into()),
            candidature_id: Set(Some(them.id)), position: Set(1), ..Default::default()
        }.insert(db).await.unwrap();

        let listed = requested::of_account(db, app.state.tz, now, me).await.unwrap();
        assert_eq!(listed.len(), 1);
        let p = &listed[0];
        assert_eq!((p.conformes, p.total), (0, 2));
        assert_eq!(p.demande.as_deref(), Some("Demande de pièces justificatives Version n°1"), "published at registration");
        let modes: Vec<PieceMode> = p.groups.iter().map(|g| g.mode).collect();
        assert_eq!(modes, [PieceMode::EnLigne, PieceMode::Courrier]);
        let g = &p.groups[0];
        assert!(g.open);
        assert!(g.when.starts_with("A déposer en ligne entre le "), "{}", g.when);
        assert!(g.when.ends_with(" 23:59 (heure/Paris)"), "{}", g.when);
        assert_eq!(g.pieces.len(), 1, "{:?}", g.pieces);
        assert_eq!(g.pieces[0].title, "Justificatif 1 : Confirmation d'inscription signée");
        assert!(g.pieces[0].files.is_empty());
        let post = &p.groups[1];
        assert!(!post.open);
        assert!(post.postal_address.as_deref().unwrap().contains("Versailles"));
        assert!(post.when.starts_with("A envoyer par courrier au plus tard le "), "{}", post.when);

        // A file deposited, another deleted; the piece by post received and conforming.
        let piece_id = g.pieces[0].id;
        for (name, deleted) in [("ancien.pdf", Some(now)), ("confirmation.pdf", None)] {
            piece_file::ActiveModel {
                id: Set(uuid::Uuid::new_v4()), piece_id: Set(piece_id), candidature_id: Set(c.id),
                original_name: Set(name.into()), size: Set(1000), sha256: Set("0".repeat(64)), format: Set("pdf".into()),
                storage_key: Set(format!("pieces/{}", uuid::Uuid::new_v4())), deposited_at: Set(now), deleted_at: Set(deleted),
                scanned_at: Set(None), infection: Set(None),
            }.insert(db).await.unwrap();
        }
        piece_review::ActiveModel {
            piece_id: Set(post.pieces[0].id), candidature_id: Set(c.id), confirmed_at: Set(None),
            status: Set("conforme".into()), received_on: Set(Some(now.date_naive())), comment: Set(None), updated_at: Set(now),
        }.insert(db).await.unwrap();
        let p = requested::of_account(db, app.state.tz, now, me).await.unwrap().remove(0);
        assert_eq!((p.conformes, p.total), (1, 2));
        let files = &p.groups[0].pieces[0].files;
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].name, "confirmation.pdf");
        assert!(files[0].deposited.starts_with("Déposé le ") && files[0].deposited.ends_with(" (heure/Paris)"));
        assert!(!files[0].scanned && !files[0].infected, "not scanned yet");
        assert_eq!(p.groups[1].pieces[0].status, Some(PieceStatus::Conforme));
        // The other candidature counts its own pieces: three.
        let theirs = requested::of_candidature(db, app.state.tz, now, &them).await.unwrap();
        assert_eq!(theirs.total, 3);

        // Past the deadline, the online window is closed.
        let after = online.closes_at + chrono::Duration::seconds(1);
        let late = requested::of_account(db, app.state.tz, after, me).await.unwrap().remove(0);
        assert!(!late.groups[0].open);
    }
}
