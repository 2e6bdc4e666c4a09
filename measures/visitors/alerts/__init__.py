"""E-mail alerts: "tell me when a measure like this is published".

Beside the feed link of the measure list, a visitor gives an e-mail address and
chooses daily or weekly; the list's filters and search are saved with the
page's language (`searches`). Nothing is sent until the visitor confirms from a
signed link that expires (`links`, `views`). Then `manage.py send_alerts`
(`digests`) mails each due subscription the measures published since, which
match the same filters and were not mailed to it before (`mails`). Every alert
mail links to a page to change or end the subscription, and carries the
one-click unsubscribe headers of RFC 8058.

Limits keep robots and mistakes out (`subscriptions`): a few subscriptions per
address, the contact form's rate limit on the form, unconfirmed subscriptions
deleted when their link expires, addresses deleted on unsubscribing.
"""
