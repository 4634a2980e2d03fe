"""The portal's own locale formats (``FORMAT_MODULE_PATH``), for the languages whose
formats Django lacks or gets wrong; the others are Django's."""
