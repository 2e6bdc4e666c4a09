"""Root URLs: the admin and site-wide files outside, the catalogue under a language prefix."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from measures.admin.guide import guide_view
from measures.caching.downloads import cached_download
from measures.catalogue import share_cards
from next2met import about, accessibility, favicon, sitemaps, view_on_site, views

# The error answers: the site's pages, JSON under /api/ (next2met.errors). A database
# outage outside any view (e.g. while a middleware reads the session) still gets the
# 503 page rather than the 500 page.
handler400 = "next2met.errors.bad_request"
handler403 = "next2met.errors.permission_denied"
handler404 = "next2met.errors.page_not_found"
handler500 = "next2met.errors.server_error"

urlpatterns = [
    # Before the admin's own URLs, which would otherwise take admin/2fa/ for a model.
    path("admin/2fa/", include("next2met.two_factor.urls")),
    # Before the admin's own "View on site" redirect, which asks no permission.
    path(
        "admin/r/<path:content_type_id>/<path:object_id>/",
        admin.site.admin_view(view_on_site.view_on_site),
        name="admin_view_on_site",
    ),
    # The staff guide, in the admin's look, for every staff member.
    path("admin/guide/", admin.site.admin_view(guide_view), name="admin_guide"),
    path("admin/guide/<slug:slug>/", admin.site.admin_view(guide_view), name="admin_guide_page"),
    path("admin/", admin.site.urls),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", favicon.favicon, name="favicon"),
    path("api/", include("measures.exchange.urls")),
    path(
        "sitemap.xml",
        # The index and its pages read no query parameter but the page number: junk
        # added to their addresses makes no new cache entry.
        cached_download(sitemaps.index, params=[]),
        {"sitemaps": sitemaps.SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        # A page of the measures' sitemap holds 10,000 addresses: seconds to make,
        # so every way of writing its number finds the page already kept.
        cached_download(sitemap_views.sitemap, canonical=sitemaps.page_query),
        {"sitemaps": sitemaps.SITEMAPS},
        name="sitemap_section",
    ),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("accessibility/", accessibility.accessibility_statement, name="accessibility"),
    path("about/", about.about, name="about"),
    path("legal-notice/", about.legal_notice, name="legal_notice"),
    path("privacy/", about.privacy_notice, name="privacy"),
    # The link previews' pictures, kept until the catalogue changes; they read no parameter.
    path("og-image.png", cached_download(share_cards.site_card_view, params=[]), name="og_image"),
    path(
        "measures/<slug:slug>/og-image.png",
        cached_download(share_cards.measure_card_view, params=[]),
        name="og_image_measure",
    ),
    path("", include("measures.urls")),
    path("partners/", include("measures.partner_urls")),
)

if settings.N2M_BENCH_FLOOR:
    # The benchmark's framework floor (bench/run.py); absent unless it is turned on.
    urlpatterns.append(path("bench/floor", views.bench_floor, name="bench_floor"))

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
