// The database key in the iOS Keychain: a generic password readable after
// the first unlock since boot and never leaving this device
// (kSecAttrAccessibleAfterFirstUnlockThisDeviceOnly: not in backups, not
// on a new phone). The core calls it from its own threads during
// `open_course` and `wipe_if_due`.
//
// The one rule that protects the patient's data: **only "no such item" is
// "no key".** Every other status, above all errSecInteractionNotAllowed
// before the first unlock after a restart, throws, so the core reports
// `OpenError.KeyUnavailable` and creates nothing; AppModel then waits for
// protected data (it never starts a fresh database over the old one).
import Foundation
import PainSchool
import Security

final class KeychainKeyProvider: KeyProvider {
    private static let service = "app.painschool.database-key"
    private static let account = "patient.db"

    private var query: [String: Any] {
        [
            kSecClass as String: kSecClassGenericPassword,
            kSecAttrService as String: Self.service,
            kSecAttrAccount as String: Self.account,
        ]
    }

    func get() throws -> Data? {
        var q = query
        q[kSecReturnData as String] = true
        q[kSecMatchLimit as String] = kSecMatchLimitOne
        var item: CFTypeRef?
        let status = SecItemCopyMatching(q as CFDictionary, &item)
        switch status {
        case errSecSuccess:
            guard let key = item as? Data else {
                throw KeyStoreError.Unavailable(reason: "keychain item is not data")
            }
            return key
        case errSecItemNotFound:
            return nil
        case errSecInteractionNotAllowed:
            throw KeyStoreError.Unavailable(reason: "keychain locked (before first unlock)")
        default:
            throw KeyStoreError.Unavailable(reason: "keychain status \(status)")
        }
    }

    func store(key: Data) throws {
        var q = query
        q[kSecValueData as String] = key
        q[kSecAttrAccessible as String] = kSecAttrAccessibleAfterFirstUnlockThisDeviceOnly
        var status = SecItemAdd(q as CFDictionary, nil)
        if status == errSecDuplicateItem {
            let update: [String: Any] = [
                kSecValueData as String: key,
                kSecAttrAccessible as String: kSecAttrAccessibleAfterFirstUnlockThisDeviceOnly,
            ]
            status = SecItemUpdate(query as CFDictionary, update as CFDictionary)
        }
        guard status == errSecSuccess else {
            throw KeyStoreError.Unavailable(reason: "keychain status \(status)")
        }
    }

    func delete() throws {
        let status = SecItemDelete(query as CFDictionary)
        guard status == errSecSuccess || status == errSecItemNotFound else {
            throw KeyStoreError.Unavailable(reason: "keychain status \(status)")
        }
    }
}
