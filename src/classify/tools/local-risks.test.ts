// The decisions the local tables make, as whole risk levels through the real walker. Each row is
// a judgement written down: if one changes, the change is deliberate and shows up here.
import { test } from 'node:test';
import { checkRisks, loadWalker } from './risk-rows.js';

loadWalker();

const check = checkRisks;

test('files: deletes are judged by where they point', () => {
  check([
    ['rm -rf node_modules', 'mutating'],
    ['rm -rf ./dist build/ .cache', 'mutating'],
    ['rm -rf /tmp/work', 'mutating'],
    ['rm -rf "$TMPDIR/out"', 'mutating'],
    ['rm -rf ~/.cache/pip', 'mutating'],
    ['rm notes.txt', 'mutating'],
    ['rm -f *.log', 'mutating'],
    ['rm -rf src', 'destructive'],
    ['rm -rf *.log **/*.pyc', 'mutating'],
    ['rm -rf *.sql', 'destructive'],
    ['rm -rf .', 'destructive'],
    ['rm -rf ./*', 'destructive'],
    ['rm -rf ..', 'destructive'],
    ['rm -rf /', 'destructive'],
    ['rm -rf /*', 'destructive'],
    ['rm -rf ~', 'destructive'],
    ['rm -rf "$HOME"', 'destructive'],
    ['rm -rf /home/dev/projects', 'destructive'],
    ['rm -rf /var/lib/postgresql', 'destructive'],
    ['rm -rf /tmp/../usr', 'destructive'],
    ['rm /etc/hosts', 'destructive'],
    ['rm -rf "$DIR"', 'unknown'],
    ['rm', 'readonly'],
    ['rm --help', 'readonly'],
    ['rmdir empty', 'mutating'],
    ['shred -u key.pem', 'destructive'],
    ['unlink lockfile', 'mutating'],
  ]);
});

test('files: a known cwd decides what relative paths mean', () => {
  check([['rm -rf etc', 'destructive'], ['rm -rf node_modules', 'mutating']], '/');
  check([['rm -rf *', 'destructive'], ['rm -rf ../etc', 'destructive'], ['rm -rf build', 'mutating']], '/tmp/scratch');
  check([['rm -rf node_modules', 'mutating'], ['rm -rf config', 'destructive']], '/opt/app');
  check([['rm -rf src', 'destructive'], ['rm -rf target', 'mutating'], ['rm -rf /work/app/dist', 'mutating']], '/work/app');
});

test('files: find, overwrites, permissions, devices', () => {
  check([
    ['find . -name "*.pyc" -delete', 'mutating'],
    ['find . -type d -name __pycache__ -exec rm -rf {} +', 'mutating'],
    ['find . -name "*.py" -delete', 'destructive'],
    ['find . ! -name "*.pyc" -delete', 'destructive'],
    ['find ./build -name "*.o" -delete', 'mutating'],
    ['find /tmp -mtime +7 -delete', 'mutating'],
    ['find . -name -delete', 'readonly'],
    ['find . -type f -exec rm -rf {} \\;', 'destructive'],
    ['find . -name "*.csv" -exec rm {} +', 'destructive'],
    ['find ./build -type f -exec rm -f {} +', 'mutating'],
    ['find . -name "*.txt" -exec grep -l TODO {} +', 'readonly'],
    ['find / -name passwd', 'readonly'],
    ['mv draft.md final.md', 'mutating'],
    ['mv db.sqlite /dev/null', 'destructive'],
    ['cp nginx.conf /etc/nginx/nginx.conf', 'destructive'],
    ['cp /etc/hosts hosts.copy', 'mutating'],
    ['ln -sf /bin/true /usr/bin/git', 'destructive'],
    ['tee -a /etc/hosts', 'destructive'],
    ['tee /etc/resolv.conf', 'destructive'],
    ['truncate -s 0 data.csv', 'destructive'],
    ['truncate -s 100M disk.img', 'mutating'],
    ['chmod -R 777 /', 'destructive'],
    ['chmod 600 ~/.ssh/id_ed25519', 'mutating'],
    ['chown -R app:app ./storage', 'mutating'],
    ['dd if=/dev/zero of=/dev/nvme0n1', 'destructive'],
    ['dd if=disk.img of=copy.img', 'mutating'],
    ['dd if=/dev/sda bs=512 count=1', 'readonly'],
    ['mkfs.ext4 /dev/sdb1', 'destructive'],
    ['wipefs -a /dev/sdb', 'destructive'],
    ['fdisk -l', 'readonly'],
    ['tar -czf site.tgz public/', 'mutating'],
    ['tar -tzf site.tgz', 'readonly'],
    ['tar -xzf root.tgz -C /', 'destructive'],
  ]);
});

test('coreutils: reading and mentioning is not doing', () => {
  check([
    ['ls -la', 'readonly'],
    ["grep -rn 'rm -rf /' docs/", 'readonly'],
    ['cat README.md | head -n 20', 'readonly'],
    ["sed 's/DROP TABLE/x/' schema.sql", 'readonly'],
    ["sed -i 's/v1/v2/' package.json", 'mutating'],
    ["awk '{print $2}' access.log", 'readonly'],
    ['awk \'BEGIN { system("rm -rf ~") }\'', 'destructive'],
    ['jq .version package.json', 'readonly'],
    ['sort -u -o words.txt words.txt', 'mutating'],
    ['mkdir -p out/reports', 'mutating'],
    ['touch .env.local', 'mutating'],
    ['df -h', 'readonly'],
    ['du -sh node_modules', 'readonly'],
  ]);
});

test('system: taking services and machines out', () => {
  check([
    ['systemctl stop postgresql', 'destructive'],
    ['systemctl status postgresql', 'readonly'],
    ['systemctl restart nginx', 'mutating'],
    ['service redis-server stop', 'destructive'],
    ['shutdown -h now', 'destructive'],
    ['shutdown -c', 'mutating'],
    ['crontab -r', 'destructive'],
    ['crontab -l', 'readonly'],
    ['kill -9 -1', 'destructive'],
    ['kill 4242', 'mutating'],
    ['pkill -f "npm run dev"', 'mutating'],
    ['killall mysqld', 'destructive'],
    ['userdel -r olduser', 'destructive'],
    ['iptables -F', 'destructive'],
    ['iptables -S', 'readonly'],
    ['ip route flush all', 'destructive'],
    ['ip addr', 'readonly'],
    ['umount /mnt/usb', 'mutating'],
    ['sysctl -w vm.swappiness=10', 'mutating'],
    ['sysctl net.ipv4.ip_forward', 'readonly'],
  ]);
});

test('git: remote history, uncommitted work, and the rest', () => {
  check([
    ['git push --force origin main', 'destructive'],
    ['git push --force-with-lease', 'destructive'],
    ['git push origin +main:main', 'destructive'],
    ['git push origin --delete feature', 'destructive'],
    ['git push origin main', 'mutating'],
    ['git reset --hard HEAD~1', 'destructive'],
    ['git reset --soft HEAD~1', 'mutating'],
    ['git clean -fdx', 'destructive'],
    ['git clean -n', 'readonly'],
    ['git checkout -- .', 'destructive'],
    ['git checkout main', 'mutating'],
    ['git checkout src/', 'destructive'],
    ['git checkout feature/login', 'mutating'],
    ['git restore --staged app.ts', 'mutating'],
    ['git restore app.ts', 'destructive'],
    ['git switch -f main', 'destructive'],
    ['git branch -D spike', 'destructive'],
    ['git branch -d merged', 'mutating'],
    ['git branch -a', 'readonly'],
    ['git stash drop', 'destructive'],
    ['git stash pop', 'mutating'],
    ['git filter-branch --force HEAD', 'destructive'],
    ['git reflog expire --expire=now --all', 'destructive'],
    ['git gc --prune=now', 'destructive'],
    ['git gc', 'mutating'],
    ['git rebase -i HEAD~3', 'mutating'],
    ['git commit --amend --no-edit', 'mutating'],
    ['git fetch --all', 'mutating'],
    ['git status', 'readonly'],
    ['git log --oneline -5', 'readonly'],
    ['git diff HEAD~1', 'readonly'],
    ['git remote -v', 'readonly'],
    ['git config --get user.email', 'readonly'],
    ['git -C ../svc reset --hard', 'destructive'],
    ['git -c color.ui=never status', 'readonly'],
    ['git --version', 'readonly'],
    ['git push --help', 'readonly'],
    ['git commit -m "fix: git reset --hard docs"', 'mutating'],
  ]);
});

test('containers: data, services, carried commands', () => {
  check([
    ['docker ps -a', 'readonly'],
    ['docker logs -f api', 'readonly'],
    ['docker build -t app .', 'mutating'],
    ['docker run -d -p 80:80 nginx', 'mutating'],
    ['docker rm old', 'mutating'],
    ['docker rm -f api', 'destructive'],
    ['docker stop api', 'destructive'],
    ['docker volume rm pgdata', 'destructive'],
    ['docker volume prune', 'mutating'],
    ['docker system prune -af --volumes', 'destructive'],
    ['docker image prune -af', 'mutating'],
    ['docker container rm -f api', 'destructive'],
    ['docker image rm app:old', 'mutating'],
    ['docker exec db psql -U app -c "TRUNCATE events"', 'destructive'],
    ['docker exec web cat /etc/os-release', 'readonly'],
    ['docker run --rm alpine rm -rf /', 'mutating'],
    ['docker run --rm -v /:/host alpine rm -rf /host', 'destructive'],
    ['docker run --rm postgres psql -h db.internal -c "DROP TABLE t"', 'destructive'],
    ['docker compose up -d', 'mutating'],
    ['docker compose down', 'destructive'],
    ['docker compose ps', 'readonly'],
    ['docker-compose down -v', 'destructive'],
    ['podman rm -f web', 'destructive'],
    ['docker --version', 'readonly'],
  ]);
});

test('database CLIs: the SQL they carry decides', () => {
  check([
    ['psql -c "SELECT count(*) FROM orders"', 'readonly'],
    ['psql -c "DROP TABLE orders"', 'destructive'],
    ['psql -c "UPDATE orders SET paid = true WHERE id = 7"', 'mutating'],
    ['psql -c "\\l"', 'readonly'],
    ['psql -f migrations/001.sql', 'unknown'],
    ['psql -l', 'readonly'],
    ["mysql -e 'DELETE FROM carts'", 'destructive'],
    ["mysql -u app -p shop -e 'SELECT 1'", 'readonly'],
    ['sqlite3 dev.db "DROP TABLE cache"', 'destructive'],
    ['sqlite3 dev.db .schema', 'readonly'],
    ['redis-cli FLUSHALL', 'destructive'],
    ['redis-cli SET greeting hi', 'mutating'],
    ['redis-cli INFO memory', 'readonly'],
    ['mongosh shop --eval "db.orders.drop()"', 'destructive'],
    ['mongosh shop --eval "db.orders.countDocuments()"', 'readonly'],
    ['dropdb staging', 'destructive'],
    ['createdb scratch', 'mutating'],
    ['pg_dump shop', 'readonly'],
    ['pg_restore --clean -d shop shop.dump', 'destructive'],
    ['mysqladmin -u root drop shop', 'destructive'],
    ['cqlsh -e "TRUNCATE ks.events"', 'destructive'],
    ["psql -c '\\! rm -rf ~'", 'destructive'],
    ['sqlite3 app.db ".shell rm -rf /srv"', 'destructive'],
    ['mongosh --file cleanup.js', 'unknown'],
    ['redis-cli', 'unknown'],
    ['echo FLUSHDB | redis-cli', 'destructive'],
    ['sqlcmd -Q "DROP TABLE dbo.t"', 'destructive'],
    ['etcdctl del --prefix /app', 'destructive'],
  ]);
});

test('package managers and builds', () => {
  check([
    ['npm install', 'mutating'],
    ['npm ls', 'readonly'],
    ['npm publish', 'destructive'],
    ['npm unpublish my-lib@1.0.0', 'destructive'],
    ['cargo yank --version 1.0.0', 'destructive'],
    ['cargo build --release', 'mutating'],
    ['pip list', 'readonly'],
    ['pip uninstall -y requests', 'mutating'],
    ['mvn clean install', 'mutating'],
    ['./gradlew build', 'mutating'],
    ['go version', 'readonly'],
    ['npx prisma migrate reset --force', 'destructive'],
    ['npx prisma migrate deploy', 'mutating'],
    ['bundle exec rake db:drop', 'destructive'],
    ['bundle exec rails runner "Order.delete_all"', 'unknown'],
    ['poetry run alembic downgrade base', 'destructive'],
    ['npx rimraf ~', 'destructive'],
    ['npx rimraf dist', 'mutating'],
    ['rails db:migrate', 'mutating'],
    ['flyway info', 'readonly'],
  ]);
});

test('backup and remote copy', () => {
  check([
    ['rsync -a src/ dst/', 'mutating'],
    ['rsync -a --delete src/ dst/', 'destructive'],
    ['rsync -a --delete public/ dist/', 'mutating'],
    ['rsync -an --delete src/ dst/', 'readonly'],
    ['scp build.tgz deploy@web:/srv/releases/', 'mutating'],
    ['scp sshd_config root@web:/etc/ssh/', 'destructive'],
    ['rclone sync ./photos b2:photos', 'destructive'],
    ['rclone copy ./photos b2:photos', 'mutating'],
    ['rclone lsd b2:', 'readonly'],
    ['restic snapshots', 'readonly'],
    ['restic forget --keep-last 5 --prune', 'destructive'],
    ['restic backup ~/work', 'mutating'],
    ['borg prune --keep-daily 7 /bk', 'destructive'],
    ['borg list /bk', 'readonly'],
    ['velero backup delete weekly', 'destructive'],
    ['velero backup get', 'readonly'],
    ['ssh-keygen -R old.example.com', 'mutating'],
    ['ssh-add -l', 'readonly'],
  ]);
});

test('a late --help never makes a command look harmless', () => {
  check([
    ['awk \'BEGIN { system("rm -rf ~") }\' --help', 'destructive'],
    ['find . -exec rm -rf {} --help \\;', 'destructive'],
    ['uv run rm -rf ~ --help', 'destructive'],
    ['rm --help', 'readonly'],
    ['find --help', 'readonly'],
    ['npx --help', 'readonly'],
  ]);
});
