//! The wizard's navigation as a pure model (R2): which tab the tab bar may open, what
//! "Précédent" and "Suivant" lead to, when "Enregistrer" is possible, and where a draft
//! resumes. The component reads it; what the buttons do while a move or a save is under
//! way (nothing) stays in the component.

use crate::model::Tab;

/// Where the wizard stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// The tab shown.
    pub tab: Tab,
    /// The furthest tab reached (every tab up to it may be opened from the tab bar).
    pub reached: Tab,
    /// The candidature was just saved: the N° inscription tab is the only one left.
    pub saved: bool,
}

impl Position {
    /// A new candidature starts at tab 1; a modification may open every tab up to the
    /// Récapitulatif at once.
    pub const fn start(modifying: bool) -> Self {
        Self {
            tab: Tab::Identification,
            reached: if modifying {
                Tab::Recapitulatif
            } else {
                Tab::Identification
            },
            saved: false,
        }
    }

    /// Whether the tab bar may open `tab`.
    pub fn can_open(self, tab: Tab) -> bool {
        if self.saved {
            tab == Tab::Numero
        } else {
            tab <= self.reached && tab != Tab::Numero
        }
    }

    /// The tabs the tab bar may open, in order (arrows, Home and End move among them).
    pub fn open_tabs(self) -> Vec<Tab> {
        Tab::ALL.into_iter().filter(|t| self.can_open(*t)).collect()
    }

    /// Where "Précédent" leads (None: the button is off).
    pub fn previous(self) -> Option<Tab> {
        if self.saved {
            return None;
        }
        self.tab.previous()
    }

    /// Where "Suivant" leads (None: the button is off; the Récapitulatif is the last tab
    /// "Suivant" reaches, the N° inscription comes only from "Enregistrer").
    pub fn next(self) -> Option<Tab> {
        if self.tab >= Tab::Recapitulatif {
            return None;
        }
        self.tab.next()
    }

    /// "Enregistrer" works on the Récapitulatif only, once.
    pub fn can_save(self) -> bool {
        self.tab == Tab::Recapitulatif && !self.saved
    }

    /// Shows `tab`, which counts as reached.
    #[must_use]
    pub fn show(self, tab: Tab) -> Self {
        Self {
            tab,
            reached: self.reached.max(tab),
            ..self
        }
    }

    /// After "Enregistrer": the N° inscription tab.
    #[must_use]
    pub fn saved(self) -> Self {
        Self {
            tab: Tab::Numero,
            reached: Tab::Numero,
            saved: true,
        }
    }
}

/// The tab a draft kept at tab `number` resumes at (never past the Récapitulatif).
pub fn resume_tab(number: u8) -> Tab {
    Tab::from_number(number)
        .unwrap_or(Tab::Identification)
        .min(Tab::Recapitulatif)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_candidature_opens_only_the_tabs_reached() {
        let p = Position::start(false);
        assert_eq!(p.open_tabs(), vec![Tab::Identification]);
        assert_eq!(p.previous(), None);
        assert_eq!(p.next(), Some(Tab::Qualification));
        let p = p.show(Tab::Situation).show(Tab::Qualification);
        assert_eq!(
            p.reached,
            Tab::Situation,
            "going back keeps what was reached"
        );
        assert!(p.can_open(Tab::Situation) && !p.can_open(Tab::Epreuves));
    }

    #[test]
    fn a_modification_opens_every_tab_up_to_the_recapitulatif() {
        let p = Position::start(true);
        assert!(p.can_open(Tab::Recapitulatif));
        assert!(!p.can_open(Tab::Numero));
    }

    #[test]
    fn suivant_stops_at_the_recapitulatif_where_enregistrer_works() {
        let p = Position::start(false).show(Tab::Recapitulatif);
        assert_eq!(p.next(), None);
        assert!(p.can_save());
        assert!(!Position::start(false).show(Tab::Epreuves).can_save());
    }

    #[test]
    fn once_saved_only_the_numero_tab_is_left() {
        let p = Position::start(false).show(Tab::Recapitulatif).saved();
        assert_eq!(p.open_tabs(), vec![Tab::Numero]);
        assert_eq!((p.previous(), p.next(), p.can_save()), (None, None, false));
    }

    #[test]
    fn a_draft_resumes_at_its_tab_never_past_the_recapitulatif() {
        assert_eq!(resume_tab(3), Tab::Situation);
        assert_eq!(resume_tab(6), Tab::Recapitulatif);
        assert_eq!(resume_tab(0), Tab::Identification);
    }
}
