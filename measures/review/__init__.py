"""The back office's rules: who may do what (`permissions`), the states of a measure and
its revisions (`workflow`), yearly verification (`freshness`), the mails they send
(`notifications`), the permission groups (`groups`) and the history kept (`history`)."""
