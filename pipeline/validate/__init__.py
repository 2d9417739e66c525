"""Validators of gated TEI trees: RELAX NG, Schematron and corpus-wide references."""
