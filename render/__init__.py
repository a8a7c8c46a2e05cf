"""Renderers: pure functions from a ``geo.scene.Scene`` to Leaflet payloads, sheets, files."""
