"""The grammar of the ruleset language, shipped as package data (parrules.grammar)."""
