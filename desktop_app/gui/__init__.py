"""Everything Qt. Pages and dialogs receive services; they never reach into each other."""
