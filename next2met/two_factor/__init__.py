"""The second sign-in step of the admin: a code from an authenticator app (TOTP, django-otp).

Any staff member may set one up at /admin/2fa/setup/ (the admin's "Two-step
sign-in" link); from then on the admin asks for a code after the password.
With N2M_REQUIRE_2FA_FOR_COORDINATORS on, coordinators must set one up before
any other admin page opens. `next2met.middleware.TwoFactorMiddleware` sends
people to `views` by the rules of `rules`; `urls` names them.
"""
