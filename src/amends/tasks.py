"""Imports every domain's Huey tasks so that a consumer knows them all."""
