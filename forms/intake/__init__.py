"""The citizen's side: the form builder and its field types, uploads, submit and resubmit, the citizen's pages."""
