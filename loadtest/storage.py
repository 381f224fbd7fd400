"""Production's static storage (whitenoise, compressed, hashed names from a manifest) that
leaves a source-map comment alone when the map file was not copied: `make assets` copies
Chart.js without `chart.umd.min.js.map`, and the plain storage then fails `collectstatic`."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class ManifestStorage(CompressedManifestStaticFilesStorage):
    """Everything as in production except that a missing `.map` keeps its original name."""

    def url_converter(self, name, hashed_files, template=None):
        convert = super().url_converter(name, hashed_files, template)

        def converter(matchobj):
            if matchobj.groupdict().get("url", "").endswith(".map"):
                try:
                    return convert(matchobj)
                except ValueError:
                    return matchobj.group(0)
            return convert(matchobj)

        return converter
