//! The CSV of an académie's offers and periods (to come in this issue).
