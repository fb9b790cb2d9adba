"""``graphintel serve``: the investigator's workspace in the browser.

A local web application over the library: search, profiles, the network view, paths
between two people, the meeting view, and partner-redacted views, with accounts
(:mod:`.accounts`), roles, sessions, CSRF protection (:mod:`.security`) and every page
view, search and export audited with the signed-in user. Nothing is imported here at
package import; see :mod:`.app` and :mod:`.server`.
"""
