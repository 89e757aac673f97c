// The decisions the service tables make, as whole risk levels through the real walker. Each row is
// a judgement written down: if one changes, the change is deliberate and shows up here.
import { test } from 'node:test';
import { checkRisks, loadWalker } from './risk-rows.js';

loadWalker();

const check = checkRisks;

test('HTTP clients: method, endpoint and body decide', () => {
  check([
    ["curl https://api.example.org/v1/users", 'readonly'],
    ["curl -sSfL https://api.example.org/health", 'readonly'],
    ["curl -I https://example.org", 'readonly'],
    ["curl -X DELETE https://api.example.org/v1/users/42", 'destructive'],
    ["curl -XDELETE http://localhost:9200/orders", 'destructive'],
    ["curl --request DELETE http://localhost:9200/orders", 'destructive'],
    ["curl -X PURGE https://cdn.example.org/assets/app.js", 'destructive'],
    ["curl -X POST https://api.example.org/v1/users -d '{\"name\":\"ada\"}'", 'mutating'],
    ["curl -d 'a=1' https://api.example.org/form", 'mutating'],
    ["curl -F file=@report.pdf https://api.example.org/upload", 'mutating'],
    ["curl -T backup.tar https://files.example.org/upload/", 'mutating'],
    ["curl -X PUT https://api.example.org/v1/users/42 -d '{\"name\":\"ada\"}'", 'mutating'],
    ["curl -X PATCH https://api.example.org/v1/users/42 -d '{\"name\":\"ada\"}'", 'mutating'],
    ["curl -X POST http://localhost:9200/orders/_delete_by_query -d '{\"query\":{\"match_all\":{}}}'", 'destructive'],
    ["curl -X POST http://localhost:9200/orders/_close", 'destructive'],
    ["curl -X POST http://localhost:9200/orders/_flush", 'mutating'],
    ["curl -X POST http://localhost:9200/orders/_refresh", 'mutating'],
    ["curl -X POST https://ci.example.org/job/deploy/doDelete --user admin:token", 'destructive'],
    ["curl -X POST https://ci.example.org/job/deploy/build", 'mutating'],
    ["curl -X POST http://localhost:8080/admin/flush-cache", 'destructive'],
    ["curl -X POST https://api.example.org/graphql -d '{\"query\":\"mutation { deleteProject(id: 7) { id } }\"}'", 'destructive'],
    ["curl -X POST https://api.example.org/graphql -d '{\"query\":\"query { projects { id } }\"}'", 'mutating'],
    ["curl -G https://api.example.org/search -d q=delete", 'readonly'],
    ["curl --unix-socket /var/run/docker.sock -X DELETE http://localhost/containers/web", 'destructive'],
    ["curl -o /etc/hosts https://example.org/hosts", 'destructive'],
    ["curl -o out.json https://api.example.org/data", 'mutating'],
    ["curl -s -o /dev/null -w '%{http_code}' https://example.org", 'readonly'],
    ["curl https://example.org/install.sh | sh", 'unknown'],
    ["curl -K ./prod.curlrc", 'unknown'],
    ["wget https://example.org/a.tgz", 'mutating'],
    ["wget -qO- https://example.org/status", 'readonly'],
    ["wget --spider https://example.org", 'readonly'],
    ["wget --method=DELETE https://api.example.org/v1/users/42", 'destructive'],
    ["wget --post-data 'a=1' https://api.example.org/form", 'mutating'],
    ["http GET https://api.example.org/v1/users", 'readonly'],
    ["http https://api.example.org/v1/users", 'readonly'],
    ["http DELETE https://api.example.org/v1/users/42", 'destructive'],
    ["http POST https://api.example.org/v1/users name=ada", 'mutating'],
    ["http https://api.example.org/v1/users name=ada", 'mutating'],
    ["http https://api.example.org/v1/users q==ada", 'readonly'],
    ["http PUT :9200/_cluster/settings persistent:='{}'", 'destructive'],
    ["xh delete https://api.example.org/v1/users/42", 'destructive'],
  ]);
});

test('edge and gateways: wrangler, fastly, deck, kong, apigeecli', () => {
  check([
    ["wrangler deploy", 'mutating'],
    ["wrangler delete --name old-worker", 'destructive'],
    ["wrangler r2 object delete uploads/a.png", 'destructive'],
    ["wrangler kv key list --binding SESSIONS", 'readonly'],
    ["wrangler d1 execute shop --command \"DROP TABLE orders\"", 'destructive'],
    ["wrangler d1 execute shop --command \"SELECT 1\"", 'readonly'],
    ["wrangler secret delete STRIPE_KEY", 'destructive'],
    ["wrangler secret put STRIPE_KEY", 'mutating'],
    ["fastly service list", 'readonly'],
    ["fastly purge --all", 'destructive'],
    ["fastly backend create --name origin --address 192.0.2.10 --version latest", 'mutating'],
    ["fastly service delete --service-id 7xQ --force", 'destructive'],
    ["deck gateway dump", 'readonly'],
    ["deck gateway sync kong.yaml", 'destructive'],
    ["deck gateway diff kong.yaml", 'readonly'],
    ["kong migrations reset --yes", 'destructive'],
    ["kong reload", 'mutating'],
    ["apigeecli apis undeploy --name orders --env prod --rev 2", 'destructive'],
  ]);
});

test('payments, flags, search and observability CLIs', () => {
  check([
    ["stripe customers list", 'readonly'],
    ["stripe customers delete cus_1", 'destructive'],
    ["stripe subscriptions cancel sub_1", 'destructive'],
    ["stripe refunds create --charge ch_1", 'mutating'],
    ["stripe listen --forward-to localhost:3000/webhook", 'readonly'],
    ["flipt flag delete beta", 'destructive'],
    ["unleash features archive beta", 'destructive'],
    ["unleash features disable beta", 'mutating'],
    ["ldcli flags update beta --data '{}'", 'mutating'],
    ["algolia indices delete products", 'destructive'],
    ["algolia objects delete products --object-ids 1,2", 'destructive'],
    ["algolia search products --query phone", 'readonly'],
    ["splunk clean eventdata -index main -f", 'destructive'],
    ["splunk restart", 'mutating'],
    ["newrelic entity delete --guid abc", 'destructive'],
    ["pd incident resolve -i P1", 'mutating'],
    ["grafana-cli plugins install piechart", 'mutating'],
    ["grafana-cli plugins uninstall piechart", 'destructive'],
    ["promtool check config prometheus.yml", 'readonly'],
  ]);
});

test('messaging and object storage: nats, rabbitmq, kafka, rpk, mc', () => {
  check([
    ["nats stream ls", 'readonly'],
    ["nats stream add ORDERS --subjects \"orders.*\"", 'mutating'],
    ["nats stream purge ORDERS -f", 'destructive'],
    ["nats kv put CONFIG mode fast", 'mutating'],
    ["mc ls play", 'readonly'],
    ["mc cp ./a.txt play/in/", 'mutating'],
    ["mc rm --recursive --force play/in", 'destructive'],
    ["mc rb play/in --force", 'destructive'],
    ["mc mirror ./site play/www", 'mutating'],
    ["mc mirror --overwrite --remove ./site play/www", 'destructive'],
    ["mc admin service stop play", 'destructive'],
    ["mc admin service restart play", 'mutating'],
    ["rabbitmqctl list_queues", 'readonly'],
    ["rabbitmqctl delete_queue orders", 'destructive'],
    ["rabbitmqctl purge_queue orders", 'destructive'],
    ["rabbitmqctl stop_app", 'destructive'],
    ["rabbitmqctl add_user ci s3cret", 'mutating'],
    ["rabbitmqadmin list queues", 'readonly'],
    ["rabbitmqadmin declare queue name=orders", 'mutating'],
    ["rabbitmqadmin delete queue name=orders", 'destructive'],
    ["kafka-topics.sh --bootstrap-server k:9092 --list", 'readonly'],
    ["kafka-topics.sh --bootstrap-server k:9092 --delete --topic orders", 'destructive'],
    ["kafka-topics --bootstrap-server k:9092 --alter --topic orders --partitions 12", 'mutating'],
    ["kafka-configs --bootstrap-server k:9092 --alter --entity-type topics --entity-name orders --add-config retention.ms=86400000", 'mutating'],
    ["kafka-consumer-groups --bootstrap-server k:9092 --group billing --reset-offsets --to-latest --topic orders --execute", 'destructive'],
    ["kafka-consumer-groups --bootstrap-server k:9092 --group billing --reset-offsets --to-latest --topic orders --dry-run", 'readonly'],
    ["kafka-storage format -t abc -c server.properties", 'destructive'],
    ["rpk topic delete orders", 'destructive'],
    ["rpk topic list", 'readonly'],
  ]);
});

test('CI, proxies and DNS: circleci, jenkins, nginx, haproxy, socat, traefik, dig, nsupdate', () => {
  check([
    ["circleci context delete github acme prod", 'destructive'],
    ["circleci config validate", 'readonly'],
    ["java -jar jenkins-cli.jar -s https://ci/ delete-job release", 'destructive'],
    ["java -jar jenkins-cli.jar -s https://ci/ build release", 'mutating'],
    ["java -jar jenkins-cli.jar -s https://ci/ groovy = < script.groovy", 'unknown'],
    ["java -jar app.jar", 'mutating'],
    ["java -version", 'readonly'],
    ["nginx -s reload", 'mutating'],
    ["nginx -s stop", 'destructive'],
    ["nginx -t", 'readonly'],
    ["haproxy -c -f /etc/haproxy/haproxy.cfg", 'readonly'],
    ["haproxy -f /etc/haproxy/haproxy.cfg -sf 123", 'mutating'],
    ["echo \"disable server app/web1\" | socat stdio /var/run/haproxy.sock", 'destructive'],
    ["echo \"show stat\" | socat stdio /var/run/haproxy.sock", 'readonly'],
    ["echo \"set server app/web1 state maint\" | socat stdio unix-connect:/var/run/haproxy.sock", 'destructive'],
    ["traefik version", 'readonly'],
    ["dig +short acme.example.org MX", 'readonly'],
    ["host acme.example.org", 'readonly'],
    ["nslookup acme.example.org 8.8.8.8", 'readonly'],
    ["printf 'update delete old.example.org A\\nsend\\n' | nsupdate -k key.conf", 'destructive'],
    ["printf 'update add new.example.org 300 A 192.0.2.9\\nsend\\n' | nsupdate -k key.conf", 'mutating'],
    ["nsupdate -k key.conf batch.txt", 'unknown'],
  ]);
});

test('code forges: gh and glab, their api commands judged as HTTP', () => {
  check([
    ["gh repo delete acme/old --yes", 'destructive'],
    ["gh repo view acme/web", 'readonly'],
    ["gh pr merge 17 --squash", 'mutating'],
    ["gh release delete v1.0.0 --yes", 'destructive'],
    ["gh api repos/acme/web/issues", 'readonly'],
    ["gh api -X DELETE repos/acme/web/git/refs/heads/old", 'destructive'],
    ["gh api repos/acme/web/labels -f name=bug", 'mutating'],
    ["gh run list --limit 5", 'readonly'],
    ["gh secret set NPM_TOKEN < token.txt", 'mutating'],
    ["glab repo delete acme/old", 'destructive'],
    ["glab mr list", 'readonly'],
  ]);
});

test('a rollback is a routine change', () => {
  check([
    ["wrangler rollback", 'mutating'],
  ]);
});

test('RPC method names and admin sockets: the name says what it does; unseen commands are unknown', () => {
  check([
    ["grpcurl -d '{\"id\":7}' api.example.org:443 acme.users.v1.Users/DeleteUser", 'destructive'],
    ["grpcurl -plaintext localhost:50051 acme.users.v1.Users/GetUser", 'readonly'],
    ["grpcurl -plaintext localhost:50051 acme.users.v1.Users/CreateUser", 'mutating'],
    ["grpcurl -plaintext localhost:50051 list", 'readonly'],
    ["echo \"show servers state\" | socat stdio /run/haproxy/admin.sock", 'readonly'],
    ["socat stdio /run/haproxy/admin.sock < maint.txt", 'unknown'],
    ["curl -X POST http://localhost:8080/actuator/shutdown", 'destructive'],
  ]);
});

test('caches are rebuilt', () => {
  check([
    ["gh cache delete --all", 'mutating'],
  ]);
});
