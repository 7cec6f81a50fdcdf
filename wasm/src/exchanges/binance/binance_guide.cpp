// What a person reads when connecting Binance: how to make a read-only key, and what
// Binance's API cannot tell Keyfolio. Facts from exchange-apis.md §1 and
// product-landscape.md §1.3 and §3.1.
#include "exchanges/binance/binance.hpp"

namespace kf::exchanges::binance {

std::vector<std::string> keyGuide() {
  return {
      "Sign in at binance.com and open Account → API Management.",
      "Choose Create API. \"System generated\" gives an HMAC key; \"Self-generated\" lets you "
      "upload the public half of your own Ed25519 (recommended by Binance) or RSA key pair. Give "
      "the key a label such as Keyfolio.",
      "Confirm with your two-factor authentication (authenticator app, email or passkey code).",
      "Copy the API key. For a system-generated key, copy the Secret key now: Binance shows it "
      "only once. For a self-generated key, paste your private key (PEM) as the secret.",
      "Choose Edit restrictions and leave only \"Enable Reading\" ticked.",
      "Leave everything else unticked, in particular \"Enable Spot & Margin Trading\", \"Enable "
      "Withdrawals\", \"Enable Margin Loan, Repay & Transfer\", \"Enable Futures\", options "
      "trading and \"Permits Universal Transfer\".",
      "Under IP access restrictions, choose \"Restrict access to trusted IPs only\" and add your "
      "own IP address if it is fixed; otherwise leave it unrestricted. Save.",
      "Binance reports a key's permissions, so Keyfolio checks them and refuses a key that can "
      "trade, withdraw or transfer.",
  };
}

std::vector<std::string> historyNotes() {
  return {
      "Binance lists your trades one market at a time, and each market costs a request of "
      "weight 20. Keyfolio asks for every market you traded before, every market whose two "
      "assets you hold or have deposited or withdrawn, and every market you add by hand.",
      "A coin bought and sold again completely, never deposited or withdrawn, leaves no trace "
      "Keyfolio can see: add its market (e.g. SOL/USDT) by hand to fetch those trades.",
      "Without a time window Binance returns only the last 90 days of deposits and "
      "withdrawals; older ones have to be asked for 90 days at a time.",
      "Convert, small-balance (dust) conversion to BNB, Buy Crypto with a card, P2P, Simple "
      "Earn and staking rewards, airdrops and distributions are not trades or transfers in "
      "Binance's API: balances include their result, the history does not.",
      "Balances cover the Spot wallet and Simple Earn flexible positions. Funding, Margin, "
      "Futures and locked Earn or staking wallets are not read.",
  };
}

}  // namespace kf::exchanges::binance
