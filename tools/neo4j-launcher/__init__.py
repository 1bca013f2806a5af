"""The local Neo4j launcher's Maven sources, shipped as package data (policygraph.launcher) so
`policygraph neo4j start` can build it from an installed wheel too."""
