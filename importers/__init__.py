"""Importers of district data: Ed-Fi XML, OneRoster CSV and grading policy files."""
