#!/usr/bin/env bash
# Deploys WeCom Guard to Azure: the Bicep templates in infra/, the secrets into Key Vault, the function package,
# then prints what to paste into the WeCom admin console (callback URLs, egress IP).
#
#   ./scripts/deploy.sh --resource-group rg-wecomguard-prod --location eastasia
#   ./scripts/deploy.sh --resource-group rg-wecomguard-prod --what-if
#   ./scripts/deploy.sh --resource-group rg-wecomguard-prod --callback-host wecom-guard.example.com.cn
#
# With --callback-host the deployment runs in two phases: first everything but the host name binding, which prints the
# DNS records to create (CNAME to the app, TXT asuid.<name>); then, once DNS answers with them (checked here), the
# binding and its certificate. Run the same command again after creating the records.
#
# Secrets never come from the command line: each Key Vault secret is read from an environment variable named after it
# (wecom-callback-contacts-token -> WECOM_CALLBACK_CONTACTS_TOKEN), or asked for without echo. See docs/deploy.md.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

usage() {
  cat <<'EOF'
Usage: scripts/deploy.sh --resource-group NAME [options]

  -g, --resource-group NAME  Resource group to deploy into (created if missing). Env: WECOMGUARD_RESOURCE_GROUP.
  -l, --location REGION      Region for a new resource group. Env: WECOMGUARD_LOCATION.
  -p, --parameters FILE      Bicep parameters file (default: infra/main.bicepparam).
  -s, --subscription ID      Azure subscription (default: the az CLI's current one).
      --what-if              Show what the deployment would change; change nothing.
      --rotate SECRET_NAME   Write a new value for this Key Vault secret even if it exists (repeatable).
      --skip-publish         Deploy infrastructure and secrets only; do not publish the function package.
      --hosting-plan PLAN    flex (Flex Consumption, default) or elasticPremium (EP1) where Flex is not offered.
                             Env: WECOMGUARD_HOSTING_PLAN.
      --callback-host NAME   The company's own (ICP-filed) host name for the callback URLs. Env: WECOMGUARD_CALLBACK_HOST.
      --callback-certificate-secret-id ID
                             Key Vault secret id of its PFX certificate (required on Flex Consumption; Elastic Premium
                             uses a free managed certificate without it). Env: WECOMGUARD_CALLBACK_CERTIFICATE_SECRET_ID.
  -h, --help                 This help.

Environment: WECOM_CORP_ID (required; asked for when missing), WECOM_APP_AGENT_ID, WECOMGUARD_ENV (default prod),
WECOMGUARD_SECURITY_TEAM_USERIDS, WECOMGUARD_OPERATOR_IP_RANGES (CIDR ranges let through the firewalls), and one
variable per secret (see docs/deploy.md). WECOMGUARD_DNS_RESOLVER: a command run as "CMD TYPE NAME" that prints the
answers one per line (default: dig, else nslookup).
Exit codes: 0 deployed, 1 error, 3 the callback host's DNS records are not answered yet (create them, run again).
EOF
}

resource_group="${WECOMGUARD_RESOURCE_GROUP:-}"
location="${WECOMGUARD_LOCATION:-}"
parameters="$REPO_ROOT/infra/main.bicepparam"
subscription=""
what_if=false
skip_publish=false
rotate=()
hosting_plan="${WECOMGUARD_HOSTING_PLAN:-flex}"
callback_host="${WECOMGUARD_CALLBACK_HOST:-}"
certificate_secret_id="${WECOMGUARD_CALLBACK_CERTIFICATE_SECRET_ID:-}"

while [ $# -gt 0 ]; do
  case "$1" in
    -g|--resource-group) resource_group="${2:?$1 needs a value}"; shift 2 ;;
    -l|--location) location="${2:?$1 needs a value}"; shift 2 ;;
    -p|--parameters) parameters="${2:?$1 needs a value}"; shift 2 ;;
    -s|--subscription) subscription="${2:?$1 needs a value}"; shift 2 ;;
    --what-if) what_if=true; shift ;;
    --rotate) rotate+=("${2:?$1 needs a secret name}"); shift 2 ;;
    --skip-publish) skip_publish=true; shift ;;
    --hosting-plan) hosting_plan="${2:?$1 needs a value}"; shift 2 ;;
    --callback-host) callback_host="${2:?$1 needs a value}"; shift 2 ;;
    --callback-certificate-secret-id) certificate_secret_id="${2:?$1 needs a value}"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "Unknown argument: $1" ;;
  esac
done

[ -n "$resource_group" ] || { usage >&2; die "--resource-group is required."; }
[ -f "$parameters" ] || die "Parameters file not found: $parameters"
case "$hosting_plan" in
  flex|elasticPremium) ;;
  *) die "--hosting-plan must be flex or elasticPremium, not $hosting_plan." ;;
esac
callback_host="$(printf '%s' "$callback_host" | tr '[:upper:]' '[:lower:]')"
if [ -n "$callback_host" ]; then
  [[ "$callback_host" =~ ^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$ ]] \
    || die "--callback-host must be a host name such as wecom-guard.example.com.cn (a subdomain: the CNAME goes there)."
  [[ "$callback_host" != *.azurewebsites.net ]] || die "--callback-host is for the company's own domain, not *.azurewebsites.net."
  if [ "$hosting_plan" = flex ] && [ -z "$certificate_secret_id" ]; then
    die "Flex Consumption has no App Service managed certificates: pass --callback-certificate-secret-id (a PFX certificate for $callback_host in Key Vault), or use --hosting-plan elasticPremium."
  fi
fi
if [ -n "$certificate_secret_id" ]; then
  [[ "$certificate_secret_id" =~ ^https://[a-z0-9-]{3,24}\.vault\.[a-z0-9.]+/secrets/[A-Za-z0-9-]+(/[0-9a-f]{32})?/?$ ]] \
    || die "--callback-certificate-secret-id must look like https://<vault>.vault.azure.net/secrets/<name>."
fi
export WECOMGUARD_HOSTING_PLAN="$hosting_plan" WECOMGUARD_CALLBACK_HOST="$callback_host" \
  WECOMGUARD_CALLBACK_CERTIFICATE_SECRET_ID="$certificate_secret_id"

# --- Prerequisites ---------------------------------------------------------------------------------------------------
command -v az >/dev/null 2>&1 || die "The Azure CLI (az) is required: https://learn.microsoft.com/cli/azure/install-azure-cli"
if command -v bicep >/dev/null 2>&1; then
  log "Bicep: $(bicep --version)"
elif az bicep version >/dev/null 2>&1; then
  log "Bicep: $(az bicep version 2>/dev/null | head -n 1)"
else
  die "The Bicep CLI is required: run 'az bicep install' (or put bicep on PATH)."
fi
if [ "$skip_publish" = false ] && [ "$what_if" = false ]; then
  command -v dotnet >/dev/null 2>&1 || die "The .NET 10 SDK is required to build the function package (or pass --skip-publish)."
fi

az_args=()
[ -n "$subscription" ] && az_args+=(--subscription "$subscription")

az account show "${az_args[@]}" --query id -o tsv >/dev/null 2>&1 || die "Not signed in to Azure: run 'az login' first."
log "Subscription: $(az account show "${az_args[@]}" --query '[name, id]' -o tsv | paste -sd ' ')"

# --- Parameters read by main.bicepparam from the environment ----------------------------------------------------------
if [ -z "${WECOM_CORP_ID:-}" ]; then
  [ -t 0 ] || die "Set WECOM_CORP_ID (the CorpID from the WeCom admin console, 我的企业 > 企业信息)."
  read -r -p "WeCom CorpID (企业ID): " WECOM_CORP_ID
  [ -n "$WECOM_CORP_ID" ] || die "The CorpID is required."
fi
export WECOM_CORP_ID
[[ "${WECOMGUARD_ENV:-prod}" =~ ^[a-z0-9][a-z0-9-]{1,11}$ ]] \
  || die "WECOMGUARD_ENV must be 2-12 lowercase letters, digits or dashes (it is part of every resource name)."

# The deployer gets Key Vault Secrets Officer on the vault so that this script can write the secrets.
user_type="$(az account show "${az_args[@]}" --query user.type -o tsv)"
if [ "$user_type" = "user" ]; then
  WECOMGUARD_DEPLOYER_OBJECT_ID="$(az ad signed-in-user show --query id -o tsv)"
  WECOMGUARD_DEPLOYER_TYPE="User"
else
  WECOMGUARD_DEPLOYER_OBJECT_ID="$(az ad sp show --id "$(az account show "${az_args[@]}" --query user.name -o tsv)" --query id -o tsv)"
  WECOMGUARD_DEPLOYER_TYPE="ServicePrincipal"
fi
export WECOMGUARD_DEPLOYER_OBJECT_ID WECOMGUARD_DEPLOYER_TYPE

# --- The hosting plan must be offered in the region ------------------------------------------------------------------
region_key() { printf '%s' "$1" | tr '[:upper:]' '[:lower:]' | tr -d ' '; }
if [ "$(az group exists "${az_args[@]}" --name "$resource_group")" = "true" ]; then
  region="$(az group show "${az_args[@]}" --name "$resource_group" --query location -o tsv)"
else
  [ -n "$location" ] || die "Resource group $resource_group does not exist: pass --location to create it."
  region="$location"
fi
if [ "$hosting_plan" = flex ]; then
  mapfile -t offered < <(az functionapp list-flexconsumption-locations "${az_args[@]}" --query '[].name' -o tsv)
  instead="deploy with --hosting-plan elasticPremium (EP1), or into a resource group in one of: ${offered[*]}"
else
  mapfile -t offered < <(az appservice list-locations "${az_args[@]}" --sku EP1 --linux-workers-enabled --query '[].name' -o tsv)
  instead="choose a resource group in one of: ${offered[*]}"
fi
region_offered=false
for candidate in "${offered[@]}"; do
  [ "$(region_key "$candidate")" = "$(region_key "$region")" ] && region_offered=true
done
[ "$region_offered" = true ] || die "The $hosting_plan plan is not offered in $region: $instead."
log "Hosting plan: $hosting_plan in $region."

# --- Resource group and deployment -----------------------------------------------------------------------------------
if [ "$(az group exists "${az_args[@]}" --name "$resource_group")" != "true" ]; then
  [ "$what_if" = false ] || die "Resource group $resource_group does not exist; what-if needs it (create it, or deploy without --what-if)."
  [ -n "$location" ] || die "Resource group $resource_group does not exist: pass --location to create it."
  log "Creating resource group $resource_group in $location..."
  az group create "${az_args[@]}" --name "$resource_group" --location "$location" --tags application=wecom-guard -o none
fi

# The first phase with a callback host binds nothing: the binding needs its DNS records, which need the app.
export WECOMGUARD_BIND_CALLBACK_HOST=false
[ -n "$callback_host" ] || export WECOMGUARD_BIND_CALLBACK_HOST=true

if [ "$what_if" = true ]; then
  log "What-if for $resource_group with $parameters (nothing is changed)..."
  az deployment group what-if "${az_args[@]}" --resource-group "$resource_group" --parameters "$parameters"
  exit 0
fi

deployment="wecomguard-$(date -u +%Y%m%d%H%M%S)"
log "Deploying infra/ to $resource_group as $deployment (a few minutes)..."
az deployment group create "${az_args[@]}" --resource-group "$resource_group" --name "$deployment" \
  --parameters "$parameters" -o none

output() {
  az deployment group show "${az_args[@]}" --resource-group "$resource_group" --name "$deployment" \
    --query "properties.outputs.$1.value${2:-}" -o tsv
}
function_app="$(output functionAppName)"
key_vault="$(output keyVaultName)"
mapfile -t secret_names < <(output keyVaultSecretNames)
mapfile -t callback_urls < <(output callbackUrls)
egress_ip="$(output egressIp)"
storage_account="$(output storageAccountName)"
package_container="$(output packageContainerName)"
package_blob="$(output packageBlobName)"

# --- Secrets ---------------------------------------------------------------------------------------------------------
# wecom-callback-contacts-token -> WECOM_CALLBACK_CONTACTS_TOKEN
secret_env_name() { printf '%s' "$1" | tr '[:lower:]-' '[:upper:]_'; }

# Checks a value against WeCom's rules before it reaches Key Vault: a bad Token or AES key only shows up later as
# every callback failing its signature check.
validate_secret() {
  local name="$1" value="$2"
  case "$name" in
    *-encoding-aes-key) [[ "$value" =~ ^[A-Za-z0-9]{43}$ ]] || { log "$name must be the 43-character EncodingAESKey."; return 1; } ;;
    wecom-callback-*-token) [[ "$value" =~ ^[A-Za-z0-9]{1,32}$ ]] || { log "$name must be the callback Token (letters and digits, at most 32)."; return 1; } ;;
  esac
}

# Writes a secret without putting it on any command line (it goes through stdin). The deployer's Key Vault role
# may take a minute or two to apply after the first deployment, so writes are retried.
write_secret() {
  local name="$1" value="$2" attempt
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    if printf '%s' "$value" | az keyvault secret set "${az_args[@]}" --vault-name "$key_vault" --name "$name" \
      --file /dev/stdin --encoding utf-8 -o none 2>/dev/null; then
      log "Wrote Key Vault secret $name."
      return 0
    fi
    log "Could not write $name yet (attempt $attempt; the Key Vault role may still be applying); retrying in 20 s..."
    sleep 20
  done
  die "Could not write Key Vault secret $name to $key_vault."
}

mapfile -t existing < <(az keyvault secret list "${az_args[@]}" --vault-name "$key_vault" --query '[].name' -o tsv 2>/dev/null || true)
contains() { local needle="$1"; shift; local item; for item in "$@"; do [ "$item" = "$needle" ] && return 0; done; return 1; }

for name in "${rotate[@]}"; do
  contains "$name" "${secret_names[@]}" || die "--rotate $name: not one of this deployment's secrets (${secret_names[*]})."
done

secrets_changed=false
missing=()
for name in "${secret_names[@]}"; do
  env_name="$(secret_env_name "$name")"
  value="${!env_name:-}"
  if [ -z "$value" ] && contains "$name" "${existing[@]}" && ! contains "$name" "${rotate[@]}"; then
    continue
  fi
  if [ -z "$value" ] && [ "$name" = "scanning-fingerprint-key" ]; then
    # A random key for the keyed fingerprints of sensitive values. Rotating it makes old and new fingerprints differ.
    value="$(head -c 32 /dev/urandom | base64)"
  fi
  while [ -z "$value" ] && [ -t 0 ]; do
    read -r -s -p "Value for Key Vault secret $name (input hidden; empty to skip): " value
    echo >&2
    [ -n "$value" ] || break
    validate_secret "$name" "$value" || value=""
  done
  if [ -z "$value" ]; then
    missing+=("$name")
    continue
  fi
  validate_secret "$name" "$value" || die "Not writing $name: fix $env_name."
  write_secret "$name" "$value"
  secrets_changed=true
  unset value
done

# --- Function package ------------------------------------------------------------------------------------------------
if [ "$skip_publish" = false ]; then
  work="$(mktemp -d "${TMPDIR:-/tmp}/wecomguard-deploy.XXXXXX")"
  trap 'rm -rf "$work"' EXIT
  log "Publishing functions/WeComGuard.Functions (Release)..."
  dotnet publish "$REPO_ROOT/functions/WeComGuard.Functions/WeComGuard.Functions.csproj" -c Release -o "$work/publish" \
    -nologo -v q -clp:ErrorsOnly
  if command -v zip >/dev/null 2>&1; then
    (cd "$work/publish" && zip -q -r "$work/app.zip" .)
  else
    (cd "$work/publish" && python3 -m zipfile -c "$work/app.zip" ./*)
  fi
  if [ "$hosting_plan" = flex ]; then
    log "Uploading the package to $function_app (Flex Consumption deployment container)..."
    az functionapp deployment source config-zip "${az_args[@]}" --resource-group "$resource_group" --name "$function_app" \
      --src "$work/app.zip" -o none
  else
    # Elastic Premium runs from this blob (WEBSITE_RUN_FROM_PACKAGE); the deployer may write it (Entra ID, no key).
    log "Uploading the package to $storage_account/$package_container/$package_blob and restarting $function_app..."
    az storage blob upload "${az_args[@]}" --auth-mode login --account-name "$storage_account" \
      --container-name "$package_container" --name "$package_blob" --file "$work/app.zip" --overwrite -o none
    az functionapp restart "${az_args[@]}" --resource-group "$resource_group" --name "$function_app" -o none
  fi
elif [ "$secrets_changed" = true ]; then
  # Key Vault references are read again when the app restarts.
  log "Restarting $function_app so that it reads the new secrets..."
  az functionapp restart "${az_args[@]}" --resource-group "$resource_group" --name "$function_app" -o none
fi

# --- Callback host: DNS first, then the binding and its certificate --------------------------------------------------
# Answers for one DNS query, one per line, lowercase, without quotes or the trailing dot.
resolve() {
  local type="$1" name="$2"
  if [ -n "${WECOMGUARD_DNS_RESOLVER:-}" ]; then
    $WECOMGUARD_DNS_RESOLVER "$type" "$name"
  elif command -v dig >/dev/null 2>&1; then
    dig +short "$type" "$name"
  elif command -v nslookup >/dev/null 2>&1; then
    nslookup -type="$type" "$name" 2>/dev/null | sed -n -e 's/.*canonical name = //p' -e 's/.*text = //p'
  else
    die "Checking DNS needs dig or nslookup (Debian: apt-get install bind9-dnsutils), or WECOMGUARD_DNS_RESOLVER."
  fi | tr -d '"' | sed -e 's/\.$//' | tr '[:upper:]' '[:lower:]'
}

if [ -n "$callback_host" ]; then
  [ -n "${WECOMGUARD_DNS_RESOLVER:-}" ] || command -v dig >/dev/null 2>&1 || command -v nslookup >/dev/null 2>&1 \
    || die "Checking DNS needs dig or nslookup (Debian: apt-get install bind9-dnsutils), or WECOMGUARD_DNS_RESOLVER."
  mapfile -t dns_records < <(output callbackDnsRecords "[].[type, name, value]")
  [ "${#dns_records[@]}" -gt 0 ] || die "The deployment printed no DNS records for $callback_host."
  dns_missing=()
  for record in "${dns_records[@]}"; do
    IFS=$'\t' read -r record_type record_name record_value <<<"$record"
    expected="$(printf '%s' "$record_value" | tr '[:upper:]' '[:lower:]')"
    answers="$(resolve "$record_type" "$record_name" || true)"
    if ! grep -qxF -- "$expected" <<<"$answers"; then
      dns_missing+=("$record_type	$record_name	$record_value")
    fi
  done
  if [ "${#dns_missing[@]}" -gt 0 ]; then
    echo
    echo "Create these DNS records for $callback_host at the company's DNS provider (the domain must be ICP-filed by the"
    echo "company or a related entity, or WeCom refuses the URL), then run the same command again:"
    printf '  %-6s %-50s %s\n' TYPE NAME VALUE
    for record in "${dns_records[@]}"; do
      IFS=$'\t' read -r record_type record_name record_value <<<"$record"
      printf '  %-6s %-50s %s\n' "$record_type" "$record_name" "$record_value"
    done
    echo
    echo "Not answered yet:"
    for record in "${dns_missing[@]}"; do
      printf '  %s\n' "$record"
    done
    exit 3
  fi

  log "DNS answers for $callback_host; binding it with its certificate..."
  export WECOMGUARD_BIND_CALLBACK_HOST=true
  deployment="wecomguard-$(date -u +%Y%m%d%H%M%S)-domain"
  az deployment group create "${az_args[@]}" --resource-group "$resource_group" --name "$deployment" \
    --parameters "$parameters" -o none
  mapfile -t callback_urls < <(output callbackUrls)
fi

# --- What to paste into the WeCom admin console ----------------------------------------------------------------------
echo
echo "WeCom Guard is deployed: function app $function_app, Key Vault $key_vault."
echo
echo "Callback URLs (WeCom admin console > the app > 接收消息 > 设置API接收; Token and EncodingAESKey = the values in Key Vault;"
echo "save the URL first, then add the egress IP as 企业可信IP):"
for url in "${callback_urls[@]}"; do
  echo "  $url"
done
echo
if [ -n "$egress_ip" ]; then
  echo "Egress IP (WeCom admin console > the app > 企业可信IP): $egress_ip"
else
  echo "No static egress IP (enableStaticEgressIp is false): WeCom apps created after 2022-06-20 need one for API calls."
fi
if [ "${#missing[@]}" -gt 0 ]; then
  echo
  echo "Secrets not yet set (the app cannot use them until they are): ${missing[*]}"
  echo "Set them with: WECOM_...=... ./scripts/deploy.sh -g $resource_group --skip-publish --rotate NAME"
fi
