const crypto = require('crypto');
const fetch = require('node-fetch');

class VelaPayCloudClient {
    constructor(apiKey, apiSecret, baseUrl = 'https://api.velapay.net/v1/') {
        this.apiKey = apiKey;
        this.apiSecret = apiSecret;
        this.baseUrl = baseUrl;
    }

    generateSignature(timestamp, body) {
        const message = timestamp + body;
        return crypto
            .createHmac('sha256', this.apiSecret)
            .update(message)
            .digest('hex');
    }

    async makeRequest(payload) {
        const timestamp = Math.floor(Date.now() / 1000).toString();
        const body = JSON.stringify(payload);
        const signature = this.generateSignature(timestamp, body);

        const response = await fetch(this.baseUrl, {
            method: 'POST',
            headers: {
                'Content-Type': 'application/json',
                'X-API-Key': this.apiKey,
                'X-Timestamp': timestamp,
                'X-Signature': signature
            },
            body: body
        });

        return response.json();
    }

    async processSale(cardData, amount, billingAddress, options = {}) {
        const paymentRequest = {
            requestType: 'payment',
            actionType: 'process',
            transactionType: 'sale',
            amount: amount.toString(),
            cardNumber: cardData.cardNumber,
            cardExpDate: cardData.expDate,
            cvv: cardData.cvv,
            cardHolder: cardData.cardHolder,
            addressBilling: billingAddress,
            email: options.email,
            customerIp: options.customerIp,
            invoiceNumber: options.invoiceNumber,
            getToken: options.tokenize || false
        };

        return this.makeRequest(paymentRequest);
    }

    async captureTransaction(referenceNumber, amount) {
        const captureRequest = {
            requestType: 'payment',
            actionType: 'process',
            transactionType: 'capture',
            referenceNumber: referenceNumber,
            amount: amount.toString()
        };

        return this.makeRequest(captureRequest);
    }

    async voidTransaction(referenceNumber) {
        const voidRequest = {
            requestType: 'payment',
            actionType: 'process',
            transactionType: 'void',
            referenceNumber: referenceNumber
        };

        return this.makeRequest(voidRequest);
    }
}

// Usage Example
async function processOnlineOrder() {
    const client = new VelaPayCloudClient(
        'your-api-key',
        'your-api-secret'
    );

    const cardData = {
        cardNumber: '4111111111111111',
        expDate: '1225',
        cvv: '123',
        cardHolder: 'John Doe'
    };

    const billingAddress = {
        name: 'John Doe',
        street: '123 Main St',
        city: 'Anytown',
        state: 'CA',
        zipcode: '12345',
        country: 'US',
        phone: '555-1234'
    };

    try {
        const result = await client.processSale(
            cardData,
            125.00,
            billingAddress,
            {
                email: 'customer@example.com',
                customerIp: '192.168.1.100',
                invoiceNumber: 'WEB-ORDER-12345',
                tokenize: true
            }
        );

        if (result.status === 'ok' && result.paymentStatus === 'APPROVED') {
            console.log('Payment approved!');
            console.log('Reference Number:', result.referenceNumber);
            console.log('Auth Code:', result.authCode);

            if (result.token) {
                console.log('Card tokenized:', result.token);
            }
        } else {
            console.error('Payment declined:', result.message);
        }
    } catch (error) {
        console.error('Error processing payment:', error);
    }
}

processOnlineOrder();
