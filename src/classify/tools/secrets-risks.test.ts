// The decisions the secrets-manager and key-store tables make, as whole risk levels through the
// real walker. Each row is a judgement written down: if one changes, the change is deliberate and
// shows up here.
import { test } from 'node:test';
import { checkRisks, loadWalker } from './risk-rows.js';

loadWalker();

const check = checkRisks;

test('Secrets managers: vault, doppler, op, infisical, bw, chamber', () => {
  check([
    ["vault kv get secret/app", 'readonly'],
    ["vault kv put secret/app key=value", 'mutating'],
    ["vault kv patch secret/app key=value", 'mutating'],
    ["vault kv delete secret/app", 'destructive'],
    ["vault kv undelete -versions=3 secret/app", 'mutating'],
    ["vault kv destroy -versions=3 secret/app", 'destructive'],
    ["vault kv metadata delete secret/app", 'destructive'],
    ["vault kv metadata get secret/app", 'readonly'],
    ["vault read database/creds/readonly", 'readonly'],
    ["vault write auth/userpass/users/ada password=x", 'mutating'],
    ["vault delete auth/userpass/users/ada", 'destructive'],
    ["vault secrets enable -path=kv2 kv-v2", 'mutating'],
    ["vault secrets disable kv2/", 'destructive'],
    ["vault auth disable userpass", 'destructive'],
    ["vault audit disable file/", 'destructive'],
    ["vault token create -policy=ci", 'mutating'],
    ["vault token revoke -self", 'destructive'],
    ["vault lease revoke -prefix aws/creds/", 'destructive'],
    ["vault policy write ci ci.hcl", 'mutating'],
    ["vault policy delete ci", 'destructive'],
    ["vault operator seal", 'destructive'],
    ["vault operator unseal", 'mutating'],
    ["vault operator raft snapshot save backup.snap", 'mutating'],
    ["vault operator raft snapshot restore backup.snap", 'destructive'],
    ["vault login -method=oidc", 'mutating'],
    ["vault status", 'readonly'],
    ["doppler secrets", 'readonly'],
    ["doppler secrets get API_KEY --plain", 'readonly'],
    ["doppler secrets set API_KEY=x", 'mutating'],
    ["doppler secrets delete API_KEY -y", 'destructive'],
    ["doppler run -- npm start", 'mutating'],
    ["doppler run -- rm -rf /srv/data", 'destructive'],
    ["doppler configs tokens revoke ci-token", 'destructive'],
    ["op item get \"AWS prod\" --fields password", 'readonly'],
    ["op item create --category=login --title=GitHub", 'mutating'],
    ["op item edit \"AWS prod\" password=x", 'mutating'],
    ["op item delete \"AWS prod\"", 'destructive'],
    ["op item delete \"AWS prod\" --archive", 'mutating'],
    ["op vault delete Marketing", 'destructive'],
    ["op run -- terraform apply -auto-approve", 'destructive'],
    ["op read op://Ops/db/password", 'readonly'],
    ["op inject -i tpl.env -o .env", 'readonly'],
    ["infisical secrets delete API_KEY --env=prod", 'destructive'],
    ["bw delete item 99", 'destructive'],
    ["chamber delete api db_password", 'destructive'],
  ]);
});

test('key and password stores on the machine, and removing an app secret', () => {
  check([
    ["heroku config:unset STRIPE_KEY -a shop", 'destructive'],
    ["gpg --delete-secret-keys 3AA5C34371567BD2", 'destructive'],
    ["gpg --list-secret-keys", 'readonly'],
    ["gpg --import ops.asc", 'mutating'],
    ["gpg -e -r ops@example.org notes.txt", 'mutating'],
    ["pass rm -r work", 'destructive'],
    ["pass show work/aws", 'readonly'],
    ["pass", 'readonly'],
    ["gopass delete shop/stripe", 'destructive'],
    ["security delete-generic-password -s ci-token", 'destructive'],
    ["security find-internet-password -s github.com", 'readonly'],
    ["keytool -delete -alias ca -keystore trust.jks", 'destructive'],
    ["keytool -list -keystore trust.jks", 'readonly'],
    ["certbot revoke --cert-name shop.example.org", 'destructive'],
    ["certbot renew --dry-run", 'readonly'],
    ["certbot renew", 'mutating'],
    ["aws-vault exec prod -- terraform destroy", 'destructive'],
    ["aws-vault exec prod -- aws s3 ls", 'readonly'],
    ["aws-vault remove prod", 'destructive'],
    ["sops -d secrets.enc.yaml", 'readonly'],
    ["sops secrets.enc.yaml", 'mutating'],
    ["sops exec-env secrets.enc.yaml 'kubectl delete ns shop'", 'destructive'],
    ["akeyless delete-item --name /prod/db", 'destructive'],
  ]);
});
