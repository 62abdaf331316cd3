"""Who is asking: bearer tokens and the rights of each role."""
