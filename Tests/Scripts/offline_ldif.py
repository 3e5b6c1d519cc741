"""Shared by the fixture populators that load a directory offline (slapadd, ns-slapd ldif2db),
which is what lets operational attributes such as createTimestamp be set in the past.

    import offline_ldif; offline_ldif.creator = "cn=admin,dc=example,dc=org"
    from offline_ldif import NOW, entry, gtime, text
"""
import time

NOW = time.time()
#: creatorsName of every entry: the populator sets its directory's administrator.
creator = "cn=admin"
_out = []


def gtime(days_ago):
    """GeneralizedTime `days_ago` days before the moment the fixture is built."""
    return time.strftime("%Y%m%d%H%M%SZ", time.gmtime(NOW - days_ago * 86400))


def entry(dn, created_days=1500, **attributes):
    """One entry; list values become several lines; created and modified in the past."""
    _out.append("dn: " + dn)
    for name, value in attributes.items():
        for v in value if isinstance(value, list) else [value]:
            _out.append("%s: %s" % (name, v))
    _out.append("createTimestamp: " + gtime(created_days))
    _out.append("modifyTimestamp: " + gtime(min(created_days, 30)))
    _out.append("creatorsName: " + creator)
    _out.append("")


def text():
    """Every entry written so far, as LDIF."""
    return "\n".join(_out) + "\n"
