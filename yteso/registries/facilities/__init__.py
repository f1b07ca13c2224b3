"""Facility registry: hospitals, health centres, clinics, commune health stations and pharmacies."""
