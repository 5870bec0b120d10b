#!/usr/bin/env python3
"""Gives every operation of Standin's OpenAPI documents an operationId (generated clients name their
methods by it; validators find operations by it) and writes the documents back without YAML aliases.
The id is the method and the path, camel-cased: POST /v3/payouts/{payoutId}/quote -> postV3PayoutsPayoutIdQuote.
Run from the repository root: python3 tools/openapi/operation_ids.py"""
import glob, re, yaml

class NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data):
        return True

def op_id(method, path):
    words = [w for w in re.split(r'[/{}_\-.]+', path) if w]
    return method + ''.join(w[0].upper() + w[1:] for w in words) if words else method + 'Root'

for name in sorted(glob.glob('openapi/*.yaml')):
    doc = yaml.safe_load(open(name))
    for path, item in doc.get('paths', {}).items():
        for method, op in item.items():
            if method in ('get', 'post', 'put', 'patch', 'delete', 'head', 'options') and 'operationId' not in op:
                op['operationId'] = op_id(method, path)
    with open(name, 'w') as out:
        yaml.dump(doc, out, Dumper=NoAliases, sort_keys=False, allow_unicode=True, width=120)
    print(name)
