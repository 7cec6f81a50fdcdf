// What a person reads when connecting Kraken: how to make a read-only key, and what
// Kraken's API cannot tell Keyfolio. Facts from exchange-apis.md §2 and
// product-landscape.md §1.3 and §3.1.
#include "exchanges/kraken/kraken.hpp"

namespace kf::exchanges::kraken {

std::vector<std::string> keyGuide() {
  return {
      "Sign in at kraken.com, open Settings (your profile icon) → API (\"Connections & API\" in "
      "newer layouts) and choose Create API key.",
      "Describe the key, e.g. Keyfolio, and make it a key for Keyfolio alone: Kraken needs each "
      "call's nonce to be higher than the last, so two programs sharing a key refuse each "
      "other's calls.",
      "Tick only these permissions: \"Query Funds\", \"Query Open Orders & Trades\", \"Query "
      "Closed Orders & Trades\" and \"Query Ledger Entries\".",
      "Leave unticked: \"Deposit Funds\", \"Withdraw Funds\", \"Create & Modify Orders\", "
      "\"Cancel/Close Orders\", \"Export Data\" and WebSocket access.",
      "Leave the nonce window at its default, and add no two-factor password to the key itself: "
      "Keyfolio cannot type a code for every call.",
      "Under IP whitelist, add your own IP address if it is fixed; otherwise leave it empty.",
      "Generate the key and confirm with your account's two-factor code if Kraken asks.",
      "Copy the API key and the Private key now: Kraken shows the private key only once.",
      "Kraken has no way to report a key's permissions, so Keyfolio asks you to confirm that "
      "you ticked only query permissions.",
  };
}

std::vector<std::string> historyNotes() {
  return {
      "Trade and ledger history come 50 entries per request, and each such request counts 2 "
      "against Kraken's call counter (15 for Starter accounts, falling by one every 3 "
      "seconds): a long history takes minutes to fetch the first time.",
      "Kraken's deposit and withdrawal lists (its \"recent\" deposits and withdrawals) carry "
      "transaction ids, addresses and status; the ledger holds every movement, without those "
      "details.",
      "Staking and Earn rewards, moves between spot and staking or Earn, and margin "
      "settlements appear only in the ledger, not among trades.",
      "Staked and Earn balances (names ending in .S, .M, .F, .B) are shown as their base asset "
      "in the staked or earn account. Kraken Futures is a separate API and is not read.",
  };
}

}  // namespace kf::exchanges::kraken
