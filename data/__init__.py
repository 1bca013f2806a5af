"""The bundled plan, shipped as package data (policygraph.plans) so `policygraph demo` works from a
wheel as from a checkout."""
