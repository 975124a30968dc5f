#!/usr/bin/env bash
# Deploys WeCom Guard to Azure: the Bicep templates in infra/, the secrets into Key Vault, the function package,
# then prints what to paste into the WeCom admin console (callback URLs, egress IP).
#
#   ./scripts/deploy.sh --resource-group rg-wecomguard-prod --location eastasia
#   ./scripts/deploy.sh --resource-group rg-wecomguard-prod --what-if
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
  -h, --help                 This help.

Environment: WECOM_CORP_ID (required; asked for when missing), WECOM_APP_AGENT_ID, WECOMGUARD_ENV (default prod),
WECOMGUARD_SECURITY_TEAM_USERIDS, and one variable per secret (see docs/deploy.md).
EOF
}

resource_group="${WECOMGUARD_RESOURCE_GROUP:-}"
location="${WECOMGUARD_LOCATION:-}"
parameters="$REPO_ROOT/infra/main.bicepparam"
subscription=""
what_if=false
skip_publish=false
rotate=()

while [ $# -gt 0 ]; do
  case "$1" in
    -g|--resource-group) resource_group="${2:?$1 needs a value}"; shift 2 ;;
    -l|--location) location="${2:?$1 needs a value}"; shift 2 ;;
    -p|--parameters) parameters="${2:?$1 needs a value}"; shift 2 ;;
    -s|--subscription) subscription="${2:?$1 needs a value}"; shift 2 ;;
    --what-if) what_if=true; shift ;;
    --rotate) rotate+=("${2:?$1 needs a secret name}"); shift 2 ;;
    --skip-publish) skip_publish=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "Unknown argument: $1" ;;
  esac
done

[ -n "$resource_group" ] || { usage >&2; die "--resource-group is required."; }
[ -f "$parameters" ] || die "Parameters file not found: $parameters"

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

# --- Resource group and deployment -----------------------------------------------------------------------------------
if [ "$(az group exists "${az_args[@]}" --name "$resource_group")" != "true" ]; then
  [ "$what_if" = false ] || die "Resource group $resource_group does not exist; what-if needs it (create it, or deploy without --what-if)."
  [ -n "$location" ] || die "Resource group $resource_group does not exist: pass --location to create it."
  log "Creating resource group $resource_group in $location..."
  az group create "${az_args[@]}" --name "$resource_group" --location "$location" --tags application=wecom-guard -o none
fi

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
    --query "properties.outputs.$1.value" -o tsv
}
function_app="$(output functionAppName)"
key_vault="$(output keyVaultName)"
mapfile -t secret_names < <(output keyVaultSecretNames)
mapfile -t callback_urls < <(output callbackUrls)
egress_ip="$(output egressIp)"

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
  log "Uploading the package to $function_app (Flex Consumption deployment container)..."
  az functionapp deployment source config-zip "${az_args[@]}" --resource-group "$resource_group" --name "$function_app" \
    --src "$work/app.zip" -o none
elif [ "$secrets_changed" = true ]; then
  # Key Vault references are read again when the app restarts.
  log "Restarting $function_app so that it reads the new secrets..."
  az functionapp restart "${az_args[@]}" --resource-group "$resource_group" --name "$function_app" -o none
fi

# --- What to paste into the WeCom admin console ----------------------------------------------------------------------
echo
echo "WeCom Guard is deployed: function app $function_app, Key Vault $key_vault."
echo
echo "Callback URLs (WeCom admin console > the app > 接收消息 > 设置API接收; Token and EncodingAESKey = the values in Key Vault):"
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
