using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivilAffairs.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class LedgerIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PaymentLines_HouseholdId_Month",
                table: "PaymentLines");

            migrationBuilder.DropIndex(
                name: "IX_PaymentLines_JurisdictionId_Month",
                table: "PaymentLines");

            migrationBuilder.CreateIndex(
                name: "IX_PaymentLines_JurisdictionId_Month_HouseholdId",
                table: "PaymentLines",
                columns: new[] { "JurisdictionId", "Month", "HouseholdId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PaymentLines_JurisdictionId_Month_HouseholdId",
                table: "PaymentLines");

            migrationBuilder.CreateIndex(
                name: "IX_PaymentLines_HouseholdId_Month",
                table: "PaymentLines",
                columns: new[] { "HouseholdId", "Month" });

            migrationBuilder.CreateIndex(
                name: "IX_PaymentLines_JurisdictionId_Month",
                table: "PaymentLines",
                columns: new[] { "JurisdictionId", "Month" });
        }
    }
}
