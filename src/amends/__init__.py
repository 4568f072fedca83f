"""Amends: a service recovery desk that turns an unhappy customer into a loyal one."""

__version__ = "0.1.0"
