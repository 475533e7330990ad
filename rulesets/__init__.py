"""The shipped rulesets, package data found by name: parrules.load("national-2022")."""
