"""The SOP's moves on an application: the transitions, the counter, the staff queue, review page and report section."""
